package io.djinnbot.server.app;

import io.dropwizard.configuration.ConfigurationSourceProvider;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the configuration from a file, or from the class path when the path starts with
 * {@code classpath:} (the built-in defaults used by an installed bundle without a config file).
 */
final class FileOrClasspathSourceProvider implements ConfigurationSourceProvider {
    private static final String PREFIX = "classpath:";

    @Override
    public InputStream open(String path) throws IOException {
        if (path.startsWith(PREFIX)) {
            String resource = path.substring(PREFIX.length());
            InputStream stream = getClass().getClassLoader().getResourceAsStream(resource);
            if (stream == null) {
                throw new FileNotFoundException("configuration resource not found: " + resource);
            }
            return stream;
        }
        return Files.newInputStream(Path.of(path));
    }
}
