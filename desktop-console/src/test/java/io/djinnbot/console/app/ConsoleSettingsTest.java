package io.djinnbot.console.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleSettingsTest {
    @TempDir
    Path dir;

    @Test
    void serverFlagWinsOverEnvironmentAndSavedSettings() {
        ConsoleSettings settings = ConsoleSettings.resolve(List.of("--server", "http://127.0.0.1:9100"),
                Map.of("DJINNBOT_SERVER_URL", "http://127.0.0.1:9200"), dir.resolve("console.properties"));

        assertThat(settings.serverUrl()).isEqualTo("http://127.0.0.1:9100");
        assertThat(settings.named()).isTrue();
    }

    @Test
    void withoutAnyChoiceTheLocalServerFollowsTheCommandLinePortVariables() {
        ConsoleSettings defaults = ConsoleSettings.resolve(List.of(), Map.of(), dir.resolve("none.properties"));
        ConsoleSettings onPort = ConsoleSettings.resolve(List.of(), Map.of("DJINNBOT_PORT", "18123"),
                dir.resolve("none.properties"));

        assertThat(defaults.serverUrl()).isEqualTo("http://127.0.0.1:8000");
        assertThat(onPort.serverUrl()).isEqualTo("http://127.0.0.1:18123");
        assertThat(onPort.named()).isFalse();
    }
}
