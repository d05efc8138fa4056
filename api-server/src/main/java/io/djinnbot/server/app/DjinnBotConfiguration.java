package io.djinnbot.server.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The server's configuration (config.yml); every value can be overridden by an environment variable. */
public class DjinnBotConfiguration extends Configuration {
    /** Folder for the database, workspaces and logs; empty means the XDG default. */
    @JsonProperty
    private String dataDir = "";

    /** Extra pipeline folders, separated by the path separator, searched before the built-in ones. */
    @JsonProperty
    private String pipelinesDir = "";

    /** Extra agent folders, searched before the built-in ones. */
    @JsonProperty
    private String agentsDir = "";

    @Valid
    @NotNull
    @JsonProperty
    private DataSourceFactory database = new DataSourceFactory();

    @Valid
    @NotNull
    @JsonProperty
    private Engine engine = new Engine();

    @Valid
    @NotNull
    @JsonProperty
    private Providers providers = new Providers();

    /** Never null: an empty {@code ${VAR:-}} in the YAML reads as null and means "not set". */
    public String getDataDir() {
        return dataDir == null ? "" : dataDir;
    }

    /** Never null: an empty {@code ${VAR:-}} in the YAML reads as null and means "not set". */
    public String getPipelinesDir() {
        return pipelinesDir == null ? "" : pipelinesDir;
    }

    /** Never null: an empty {@code ${VAR:-}} in the YAML reads as null and means "not set". */
    public String getAgentsDir() {
        return agentsDir == null ? "" : agentsDir;
    }

    public DataSourceFactory getDatabase() {
        return database;
    }

    public Engine getEngine() {
        return engine;
    }

    public Providers getProviders() {
        return providers;
    }

    /** The {@code providers:} block: model provider calls, keys and prices. */
    public static class Providers {
        /** Entries that override the process environment for keys and base URLs (tests, local gateways). */
        @NotNull
        @JsonProperty
        private java.util.Map<String, String> env = new java.util.HashMap<>();

        @Min(1)
        @JsonProperty
        private long connectTimeoutSeconds = 10;

        @Min(1)
        @JsonProperty
        private long idleTimeoutSeconds = 120;

        @Min(1)
        @Max(20)
        @JsonProperty
        private int maxAttempts = 4;

        @Min(0)
        @JsonProperty
        private long backoffBaseMillis = 1000;

        @Min(0)
        @JsonProperty
        private long maxRetryWaitSeconds = 60;

        @Min(1)
        @JsonProperty
        private int maxConcurrentPerProvider = 4;

        /** The engine token that unlocks the plaintext-keys route; empty: nobody may read keys. */
        @JsonProperty
        private String engineToken = "";

        /** A price table overriding the shipped one; empty: {@code <dataDir>/prices.json} when present. */
        @JsonProperty
        private String pricesFile = "";

        public java.util.Map<String, String> getEnv() {
            return env;
        }

        public long getConnectTimeoutSeconds() {
            return connectTimeoutSeconds;
        }

        public long getIdleTimeoutSeconds() {
            return idleTimeoutSeconds;
        }

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public long getBackoffBaseMillis() {
            return backoffBaseMillis;
        }

        public long getMaxRetryWaitSeconds() {
            return maxRetryWaitSeconds;
        }

        public int getMaxConcurrentPerProvider() {
            return maxConcurrentPerProvider;
        }

        public String getEngineToken() {
            return engineToken == null ? "" : engineToken;
        }

        public String getPricesFile() {
            return pricesFile == null ? "" : pricesFile;
        }
    }

    /** The {@code engine:} block. */
    public static class Engine {
        @NotNull
        @JsonProperty
        private String defaultModel = "offline/simulated";

        @Min(0)
        @JsonProperty
        private long offlinePaceMs = 40;

        @Min(0)
        @Max(20)
        @JsonProperty
        private int defaultMaxRetries = 2;

        @Min(1)
        @JsonProperty
        private int defaultTimeoutSeconds = 300;

        @Min(1)
        @JsonProperty
        private int defaultMaxTurns = 50;

        @Min(1)
        @JsonProperty
        private int maxStepVisits = 10;

        @JsonProperty
        private boolean resumeOnStartup = true;

        @Min(0)
        @JsonProperty
        private long eventBatchMillis = 15;

        @Min(1)
        @JsonProperty
        private long heartbeatMillis = 15_000;

        public String getDefaultModel() {
            return defaultModel;
        }

        public long getOfflinePaceMs() {
            return offlinePaceMs;
        }

        public int getDefaultMaxRetries() {
            return defaultMaxRetries;
        }

        public int getDefaultTimeoutSeconds() {
            return defaultTimeoutSeconds;
        }

        public int getDefaultMaxTurns() {
            return defaultMaxTurns;
        }

        public int getMaxStepVisits() {
            return maxStepVisits;
        }

        public boolean isResumeOnStartup() {
            return resumeOnStartup;
        }

        public long getEventBatchMillis() {
            return eventBatchMillis;
        }

        public long getHeartbeatMillis() {
            return heartbeatMillis;
        }
    }
}
