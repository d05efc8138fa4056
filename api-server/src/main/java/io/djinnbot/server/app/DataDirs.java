package io.djinnbot.server.app;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where user data lives: {@code DJINNBOT_DATA_DIR}, else {@code $XDG_DATA_HOME/djinnbot}, else
 * {@code ~/.local/share/djinnbot}. The server and the command line agree on it through this class.
 */
public final class DataDirs {
    private DataDirs() {
    }

    /** The data directory for the current environment. */
    public static Path dataDir() {
        String home = System.getenv("HOME");
        return dataDir(System.getenv(), home == null || home.isBlank() ? System.getProperty("user.home") : home);
    }

    static Path dataDir(Map<String, String> env, String userHome) {
        String explicit = env.get("DJINNBOT_DATA_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "djinnbot").toAbsolutePath().normalize();
        }
        return Path.of(userHome, ".local", "share", "djinnbot").toAbsolutePath().normalize();
    }
}
