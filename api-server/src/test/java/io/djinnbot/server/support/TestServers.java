package io.djinnbot.server.support;

import io.djinnbot.server.app.DjinnBotApplication;
import io.djinnbot.server.app.DjinnBotConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds a real server on random loopback ports over a fresh data folder. */
public final class TestServers {
    private TestServers() {
    }

    public static String configPath() {
        return new File("../config.yml").getAbsolutePath();
    }

    public static DropwizardAppExtension<DjinnBotConfiguration> app(Path dataDir, Path pipelinesDir, long paceMillis,
                                                                     ConfigOverride... extra) {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("dataDir", dataDir.toString()),
                ConfigOverride.config("pipelinesDir", pipelinesDir.toString()),
                ConfigOverride.config("agentsDir", pipelinesDir.resolveSibling(pipelinesDir.getFileName() + "-agents")
                        .toString()),
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("engine.offlinePaceMs", Long.toString(paceMillis)),
                ConfigOverride.config("engine.heartbeatMillis", "500"),
                ConfigOverride.config("logging.level", "WARN")));
        overrides.addAll(List.of(extra));
        return new DropwizardAppExtension<>(DjinnBotApplication.class, configPath(),
                overrides.toArray(ConfigOverride[]::new));
    }

    /** The agents folder that {@link #app} configures beside the pipelines folder. */
    public static Path agentsDir(Path pipelinesDir) {
        return pipelinesDir.resolveSibling(pipelinesDir.getFileName() + "-agents");
    }

    public static String baseUrl(DropwizardAppExtension<?> app) {
        return "http://127.0.0.1:" + app.getLocalPort();
    }
}
