package io.djinnbot.server.app;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Without authentication the API trusts the local machine only, so a web page on another origin
 * must not drive it: a request whose {@code Host} is not a loopback name (DNS rebinding) or whose
 * {@code Origin} is not a loopback origin (cross-site request) is refused with 403.
 */
@PreMatching
public final class LocalOriginFilter implements ContainerRequestFilter {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    @Override
    public void filter(ContainerRequestContext request) {
        String host = request.getHeaderString("Host");
        if (host != null && !isLoopback(hostName(host))) {
            request.abortWith(forbidden("requests must be addressed to a loopback host, not '" + host + "'"));
            return;
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && !origin.equals("null") && !isLoopbackOrigin(origin)) {
            request.abortWith(forbidden("cross-origin requests from '" + origin + "' are not allowed"));
        }
    }

    private static boolean isLoopbackOrigin(String origin) {
        try {
            URI uri = URI.create(origin);
            return uri.getHost() != null && isLoopback(uri.getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String hostName(String hostHeader) {
        String value = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end > 0 ? value.substring(0, end + 1) : value;
        }
        int colon = value.lastIndexOf(':');
        return colon > 0 && value.indexOf(':') == colon ? value.substring(0, colon) : value;
    }

    private static boolean isLoopback(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return LOOPBACK.contains(name) || name.startsWith("127.");
    }

    private static Response forbidden(String detail) {
        return Response.status(403).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("detail", detail)).build();
    }
}
