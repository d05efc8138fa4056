package io.djinnbot.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The per-user cache directory of the installed bundle. Its launchers pass {@code -Ddjinnbot.cacheDir=...} together
 * with {@code -XX:SharedArchiveFile} pointing into that directory; the JVM writes the class-data archive there when
 * it exits, but does not create the directory itself, so the program does it at start.
 */
public final class CacheDir {
    /** System property naming the cache directory; unset outside the bundle. */
    public static final String PROPERTY = "djinnbot.cacheDir";

    private CacheDir() {
    }

    /**
     * Creates the directory named by {@code value} (the property's value) when it is set and missing, and returns
     * it. A directory that cannot be created only means no archive is written, so failures return empty, and so
     * does a value with an unexpanded variable in it.
     */
    public static Optional<Path> prepare(String value) {
        // A "$" means the launcher could not expand a variable such as $HOME: never create such a folder.
        if (value == null || value.isBlank() || value.contains("$")) {
            return Optional.empty();
        }
        Path dir = Path.of(value);
        try {
            return Optional.of(Files.createDirectories(dir));
        } catch (IOException | SecurityException notWritable) {
            return Optional.empty();
        }
    }
}
