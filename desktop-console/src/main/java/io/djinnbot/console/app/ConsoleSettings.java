package io.djinnbot.console.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the console finds its server and how it looks.
 *
 * @param serverUrl the server's base URL
 * @param named whether the user named the server (--server or DJINNBOT_SERVER_URL); a named server that does
 *              not answer is waited for, never replaced by a local one
 * @param darkTheme whether the dark theme is on
 */
public record ConsoleSettings(String serverUrl, boolean named, boolean darkTheme) {
    private static final Logger LOGGER = LoggerFactory.getLogger(ConsoleSettings.class);
    static final String DEFAULT_URL = "http://127.0.0.1:8000";

    public ConsoleSettings {
        serverUrl = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
    }

    /**
     * Resolves the settings: {@code --server URL}, else {@code DJINNBOT_SERVER_URL}, else the saved settings, else
     * the local server at DJINNBOT_HOST:DJINNBOT_PORT ({@value #DEFAULT_URL} by default).
     */
    public static ConsoleSettings resolve(List<String> args, Map<String, String> env, Path file) {
        Properties saved = read(file);
        boolean dark = Boolean.parseBoolean(saved.getProperty("theme.dark", "false"));
        int flag = args.indexOf("--server");
        if (flag >= 0 && flag + 1 < args.size()) {
            return new ConsoleSettings(args.get(flag + 1), true, dark);
        }
        for (String arg : args) {
            if (arg.startsWith("--server=")) {
                return new ConsoleSettings(arg.substring("--server=".length()), true, dark);
            }
        }
        String fromEnv = env.get("DJINNBOT_SERVER_URL");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new ConsoleSettings(fromEnv.strip(), true, dark);
        }
        return new ConsoleSettings(saved.getProperty("server.url", localUrl(env)), false, dark);
    }

    /** The local server's address as the command line sees it: DJINNBOT_HOST and DJINNBOT_PORT, else the default. */
    static String localUrl(Map<String, String> env) {
        String host = env.getOrDefault("DJINNBOT_HOST", "");
        String port = env.getOrDefault("DJINNBOT_PORT", "");
        if (host.isBlank() && port.isBlank()) {
            return DEFAULT_URL;
        }
        return "http://" + (host.isBlank() ? "127.0.0.1" : host.strip()) + ":"
                + (port.isBlank() ? "8000" : port.strip());
    }

    /** The settings file: {@code $XDG_CONFIG_HOME/djinnbot/console.properties}, else under {@code ~/.config}. */
    public static Path defaultFile(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("djinnbot").resolve("console.properties");
    }

    /** The same settings with another theme. */
    public ConsoleSettings withDarkTheme(boolean dark) {
        return new ConsoleSettings(serverUrl, named, dark);
    }

    /** Saves the theme, and the server URL when it came from the file or the default. */
    public void save(Path file) {
        Properties properties = read(file);
        properties.setProperty("theme.dark", Boolean.toString(darkTheme));
        if (!named) {
            properties.setProperty("server.url", serverUrl);
        }
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                properties.store(out, "DjinnBot console");
            }
        } catch (IOException e) {
            LOGGER.warn("settings not saved file={}", file, e);
        }
    }

    private static Properties read(Path file) {
        Properties properties = new Properties();
        if (file != null && Files.isReadable(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                LOGGER.warn("settings not read file={}", file, e);
            }
        }
        return properties;
    }
}
