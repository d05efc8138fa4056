package io.djinnbot.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which configuration the server reads: the given argument, else {@code DJINNBOT_CONFIG}, else
 * {@code $DJINNBOT_HOME/config.yml} when that file exists, else the copy inside the jar.
 */
public final class ConfigLocator {
    /** The configuration bundled in the jar. */
    public static final String BUNDLED = "classpath:config.yml";

    private ConfigLocator() {
    }

    /** Resolves the configuration path; {@code argument} is {@code null} when none was given. */
    public static String resolve(String argument, Map<String, String> env) {
        if (argument != null && !argument.isBlank()) {
            return argument;
        }
        String configured = env.get("DJINNBOT_CONFIG");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String home = env.get("DJINNBOT_HOME");
        if (home != null && !home.isBlank()) {
            Path candidate = Path.of(home, "config.yml");
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath().normalize().toString();
            }
        }
        return BUNDLED;
    }
}
