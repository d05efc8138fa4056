package io.djinnbot.console.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalServerTest {
    @Test
    void installedBundleNamesItsOwnLauncher() {
        Path launcher = LocalServer.launcher(Map.of("DJINNBOT_HOME", "/src/djinnbot"),
                "/opt/djinnbot/bin/djinnbot", "");

        assertThat(launcher).isEqualTo(Path.of("/opt/djinnbot/bin/djinnbot"));
    }

    @Test
    void sourceCheckoutUsesTheLauncherInDjinnBotHome() {
        Path fromEnv = LocalServer.launcher(Map.of("DJINNBOT_HOME", "/src/djinnbot"), "", "/elsewhere");
        Path fromProperty = LocalServer.launcher(Map.of(), "", "/elsewhere");

        assertThat(fromEnv).isEqualTo(Path.of("/src/djinnbot/djinnbot"));
        assertThat(fromProperty).isEqualTo(Path.of("/elsewhere/djinnbot"));
    }
}
