package io.djinnbot.server.app;

import io.djinnbot.server.agents.AgentRegistry;
import io.djinnbot.server.agents.AgentResource;
import io.djinnbot.server.agents.AgentRuntime;
import io.djinnbot.server.app.errors.ApiExceptionMapper;
import io.djinnbot.server.app.errors.JsonErrorMapper;
import io.djinnbot.server.app.errors.UnexpectedErrorMapper;
import io.djinnbot.server.app.errors.WebExceptionMapper;
import io.djinnbot.server.engine.EngineSettings;
import io.djinnbot.server.engine.RunEngine;
import io.djinnbot.server.events.EventStore;
import io.djinnbot.server.events.EventStreamResource;
import io.djinnbot.server.llm.ModelRegistry;
import io.djinnbot.server.llm.PriceTable;
import io.djinnbot.server.llm.providers.ProviderFactory;
import io.djinnbot.server.llm.providers.ProviderHttp;
import io.djinnbot.server.llm.providers.ProviderSettings;
import io.djinnbot.server.pipelines.PipelineRegistry;
import io.djinnbot.server.pipelines.PipelineResource;
import io.djinnbot.server.runs.AgentRunsResource;
import io.djinnbot.server.runs.RunDao;
import io.djinnbot.server.runs.RunResource;
import io.djinnbot.server.runs.RunService;
import io.djinnbot.server.runs.WorkspaceFilesResource;
import io.djinnbot.server.settings.GlobalSettingsResource;
import io.djinnbot.server.settings.ProviderKeyStore;
import io.djinnbot.server.settings.ProviderSettingsResource;
import io.djinnbot.server.settings.SecretBox;
import io.djinnbot.server.settings.UserProviderResource;
import io.djinnbot.server.status.StatusResource;
import io.djinnbot.server.steps.StepResource;
import io.djinnbot.server.store.Database;
import io.djinnbot.server.usage.LlmCallResource;
import io.djinnbot.server.usage.UsageResource;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.jdbi3.JdbiFactory;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.util.component.LifeCycle;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The DjinnBot server: wires storage, the event log, pipelines, agents, the engine and the routes. */
public class DjinnBotApplication extends Application<DjinnBotConfiguration> {
    private static final Logger LOGGER = LoggerFactory.getLogger(DjinnBotApplication.class);

    @Override
    public String getName() {
        return "djinnbot";
    }

    @Override
    public void initialize(Bootstrap<DjinnBotConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                new FileOrClasspathSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    }

    @Override
    public void run(DjinnBotConfiguration config, Environment environment) throws Exception {
        requireLoopbackBinding(config);
        Path dataDir = config.getDataDir().isBlank()
                ? DataDirs.dataDir()
                : Path.of(config.getDataDir()).toAbsolutePath();
        Files.createDirectories(dataDir.resolve("runs"));
        environment.lifecycle().manage(DataDirLock.acquire(dataDir, "listening on " + describeConnectors(config)));
        if ("auto".equals(config.getDatabase().getUrl())) {
            config.getDatabase().setUrl("jdbc:sqlite:" + dataDir.resolve("djinnbot.db"));
        }
        migrate(config);
        Jdbi jdbi = new JdbiFactory().build(environment, config.getDatabase(), "sqlite");
        Database database = new Database(jdbi);

        DjinnBotConfiguration.Engine engineConfig = config.getEngine();
        EventStore events = new EventStore(database, engineConfig.getEventBatchMillis());
        environment.lifecycle().manage(events);
        PipelineRegistry pipelines = new PipelineRegistry(
                userDirs(config.getPipelinesDir(), dataDir.resolve("pipelines")), true);
        AgentRegistry agents = new AgentRegistry(userDirs(config.getAgentsDir(), dataDir.resolve("agents")), true);
        DjinnBotConfiguration.Providers providerConfig = config.getProviders();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(providerConfig.getEnv());
        ProviderKeyStore keyStore = new ProviderKeyStore(database, SecretBox.open(env, dataDir));
        ProviderHttp providerHttp = new ProviderHttp(new ProviderSettings(env,
                Duration.ofSeconds(providerConfig.getConnectTimeoutSeconds()),
                Duration.ofSeconds(providerConfig.getIdleTimeoutSeconds()), providerConfig.getMaxAttempts(),
                Duration.ofMillis(providerConfig.getBackoffBaseMillis()),
                Duration.ofSeconds(providerConfig.getMaxRetryWaitSeconds()),
                providerConfig.getMaxConcurrentPerProvider()));
        ProviderFactory providerFactory = new ProviderFactory(providerHttp, keyStore);
        Path pricesFile = providerConfig.getPricesFile().isBlank() ? dataDir.resolve("prices.json")
                : Path.of(providerConfig.getPricesFile());
        ModelRegistry models = new ModelRegistry(engineConfig.getOfflinePaceMs(), providerFactory,
                PriceTable.load(pricesFile));
        AgentRuntime runtime = new AgentRuntime(models);
        EngineSettings settings = new EngineSettings(engineConfig.getDefaultModel(),
                engineConfig.getDefaultMaxRetries(), engineConfig.getDefaultTimeoutSeconds(),
                engineConfig.getDefaultMaxTurns(), engineConfig.getMaxStepVisits(), engineConfig.isResumeOnStartup(),
                dataDir.resolve("runs"));
        RunEngine engine = new RunEngine(database, events, pipelines, agents, runtime, settings);
        environment.lifecycle().manage(engine);
        RunService runs = new RunService(database, events, pipelines, engine, engineConfig.getDefaultMaxRetries());
        EventStreamResource stream = new EventStreamResource(events, engineConfig.getHeartbeatMillis(),
                runId -> database.read(handle -> RunDao.findRun(handle, runId)).isPresent());
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopping(LifeCycle event) {
                stream.stop();
            }

            @Override
            public void lifeCycleStopped(LifeCycle event) {
                providerHttp.close();
            }
        });

        environment.jersey().register(new LocalOriginFilter());
        environment.jersey().register(new ApiExceptionMapper());
        environment.jersey().register(new WebExceptionMapper());
        environment.jersey().register(new JsonErrorMapper());
        environment.jersey().register(new UnexpectedErrorMapper());
        environment.jersey().register(new StatusResource(database, pipelines, agents, version(), dataDir.toString()));
        environment.jersey().register(new PipelineResource(pipelines));
        environment.jersey().register(new AgentResource(agents));
        environment.jersey().register(new AgentRunsResource(runs, agents));
        environment.jersey().register(new RunResource(runs));
        environment.jersey().register(new WorkspaceFilesResource(runs));
        environment.jersey().register(new StepResource(runs, engine));
        environment.jersey().register(stream);
        environment.jersey().register(new GlobalSettingsResource(database, engineConfig.getDefaultModel()));
        environment.jersey().register(new ProviderSettingsResource(keyStore, providerFactory,
                providerConfig.getEngineToken()));
        environment.jersey().register(new UserProviderResource(keyStore));
        environment.jersey().register(new LlmCallResource(database));
        environment.jersey().register(new UsageResource(database, Clock.systemUTC()));
        LOGGER.info("djinnbot ready data_dir={}", dataDir);
    }

    private static void migrate(DjinnBotConfiguration config) {
        Flyway.configure()
                .dataSource(config.getDatabase().getUrl(), null, null)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    private static List<Path> userDirs(String configured, Path dataDefault) {
        List<Path> dirs = new ArrayList<>();
        if (configured != null) {
            for (String part : configured.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    dirs.add(Path.of(part.trim()).toAbsolutePath());
                }
            }
        }
        dirs.add(dataDefault);
        return dirs;
    }

    /** Without authentication the server must not be reachable from other machines. */
    private static void requireLoopbackBinding(DjinnBotConfiguration config) throws IOException {
        if (!(config.getServerFactory() instanceof DefaultServerFactory server)) {
            return;
        }
        List<ConnectorFactory> connectors = new ArrayList<>(server.getApplicationConnectors());
        connectors.addAll(server.getAdminConnectors());
        for (ConnectorFactory connector : connectors) {
            if (connector instanceof HttpConnectorFactory http) {
                String host = http.getBindHost();
                if (host == null || host.isBlank() || !InetAddress.getByName(host).isLoopbackAddress()) {
                    throw new IllegalStateException("refusing to listen on '" + (host == null ? "all interfaces" : host)
                            + "': without authentication the server binds to a loopback address only "
                            + "(set DJINNBOT_HOST=127.0.0.1)");
                }
            }
        }
    }

    private static String describeConnectors(DjinnBotConfiguration config) {
        if (config.getServerFactory() instanceof DefaultServerFactory server) {
            return server.getApplicationConnectors().stream()
                    .filter(HttpConnectorFactory.class::isInstance)
                    .map(HttpConnectorFactory.class::cast)
                    .map(http -> http.getBindHost() + ":" + http.getPort())
                    .reduce((a, b) -> a + ", " + b)
                    .orElse("an unknown port");
        }
        return "an unknown port";
    }

    static String version() {
        String version = DjinnBotApplication.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    public static void main(String[] args) throws Exception {
        new DjinnBotApplication().run(args);
    }
}
