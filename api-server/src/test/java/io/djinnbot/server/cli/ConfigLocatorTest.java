package io.djinnbot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLocatorTest {
    @TempDir
    Path home;

    @Test
    void argumentWinsOverEverything() throws IOException {
        Files.writeString(home.resolve("config.yml"), "server: {}\n");

        String config = ConfigLocator.resolve("/etc/djinnbot.yml",
                Map.of("DJINNBOT_CONFIG", "/other.yml", "DJINNBOT_HOME", home.toString()));

        assertThat(config).isEqualTo("/etc/djinnbot.yml");
    }

    @Test
    void environmentWinsOverHome() {
        assertThat(ConfigLocator.resolve(null, Map.of("DJINNBOT_CONFIG", "/other.yml", "DJINNBOT_HOME", "/x")))
                .isEqualTo("/other.yml");
    }

    @Test
    void homeConfigIsUsedWhenItExists() throws IOException {
        Files.writeString(home.resolve("config.yml"), "server: {}\n");

        assertThat(ConfigLocator.resolve(null, Map.of("DJINNBOT_HOME", home.toString())))
                .isEqualTo(home.resolve("config.yml").toString());
    }

    @Test
    void bundledConfigIsTheFallback() {
        assertThat(ConfigLocator.resolve(null, Map.of("DJINNBOT_HOME", home.toString())))
                .isEqualTo("classpath:config.yml");
        assertThat(ConfigLocator.resolve(null, Map.of())).isEqualTo("classpath:config.yml");
    }
}
