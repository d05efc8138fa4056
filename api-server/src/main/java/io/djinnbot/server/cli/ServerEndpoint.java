package io.djinnbot.server.cli;

import java.util.Map;
import okhttp3.HttpUrl;

/**
 * Where the server is. {@code explicit} is true when the user named it (flag or {@code DJINNBOT_SERVER_URL}); only
 * an implicit local address may be served by a server the command starts itself.
 */
public record ServerEndpoint(HttpUrl url, boolean explicit) {
    static final String DEFAULT_HOST = "127.0.0.1";
    static final String DEFAULT_PORT = "8000";

    public ServerEndpoint {
        if (url == null) {
            throw new IllegalArgumentException("url is required");
        }
    }

    /** Resolves the server: the {@code --server} value, else {@code DJINNBOT_SERVER_URL}, else host and port. */
    public static ServerEndpoint resolve(String flag, Map<String, String> env) throws UsageException {
        if (flag != null && !flag.isBlank()) {
            return new ServerEndpoint(require(flag, "--server"), true);
        }
        String fromEnv = env.get("DJINNBOT_SERVER_URL");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new ServerEndpoint(require(fromEnv, "DJINNBOT_SERVER_URL"), true);
        }
        String host = env.getOrDefault("DJINNBOT_HOST", "");
        String port = env.getOrDefault("DJINNBOT_PORT", "");
        host = host.isBlank() ? DEFAULT_HOST : host.strip();
        port = port.isBlank() ? DEFAULT_PORT : port.strip();
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return new ServerEndpoint(require("http://" + hostPart + ":" + port, "DJINNBOT_HOST/DJINNBOT_PORT"), false);
    }

    /** The URL of the server's {@code host:port}, as shown to the user. */
    public String display() {
        String text = url.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    static HttpUrl parseUrl(String value) {
        HttpUrl url = HttpUrl.parse(value.strip());
        if (url == null) {
            return null;
        }
        return url.newBuilder().encodedPath("/").query(null).fragment(null).build();
    }

    private static HttpUrl require(String value, String source) throws UsageException {
        HttpUrl url = parseUrl(value);
        if (url == null) {
            throw new UsageException(source + " is not a usable URL: \"" + value + "\"");
        }
        return url;
    }
}
