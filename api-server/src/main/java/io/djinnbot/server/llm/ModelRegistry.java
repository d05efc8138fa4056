package io.djinnbot.server.llm;

import io.djinnbot.server.llm.ModelException.Kind;
import io.djinnbot.server.llm.providers.ProviderFactory;
import java.util.Map;

/**
 * Turns a model string into the client that serves it: the embedded {@code offline} provider, a
 * client registered by name, or a real provider built by the {@link ProviderFactory} with its key.
 * Also prices calls. Thread-safe.
 */
public final class ModelRegistry {
    /** Environment variable (or system property) with the offline model's pause between chunks. */
    public static final String OFFLINE_PACE_VARIABLE = "DJINNBOT_OFFLINE_PACE_MS";
    private static final long DEFAULT_OFFLINE_PACE_MS = 40;

    private final OfflineModel offline;
    private final Map<String, ModelClient> providers;
    private final ProviderFactory factory;
    private final PriceTable prices;

    public ModelRegistry(long offlinePaceMillis) {
        this(offlinePaceMillis, Map.of());
    }

    /** A registry that calls real providers through {@code factory} and prices calls with {@code prices}. */
    public ModelRegistry(long offlinePaceMillis, ProviderFactory factory, PriceTable prices) {
        this.offline = new OfflineModel(offlinePaceMillis);
        this.providers = Map.of();
        this.factory = factory;
        this.prices = prices;
    }

    /**
     * A registry with extra providers by name (lower-case), e.g. a connector configured at start-up.
     * The {@code offline} provider is always present and cannot be replaced.
     */
    public ModelRegistry(long offlinePaceMillis, Map<String, ModelClient> providers) {
        this.offline = new OfflineModel(offlinePaceMillis);
        this.providers = Map.copyOf(providers);
        this.factory = null;
        this.prices = new PriceTable(Map.of());
    }

    /** A registry paced by {@value #OFFLINE_PACE_VARIABLE} (system property first, then environment). */
    public static ModelRegistry fromEnvironment() {
        return new ModelRegistry(offlinePace(System.getProperty(OFFLINE_PACE_VARIABLE),
                System.getenv(OFFLINE_PACE_VARIABLE)));
    }

    static long offlinePace(String property, String environment) {
        for (String candidate : new String[] {property, environment}) {
            if (candidate != null && !candidate.isBlank()) {
                try {
                    return Math.max(0, Long.parseLong(candidate.strip()));
                } catch (NumberFormatException ignored) {
                    // fall through to the next source or the default
                }
            }
        }
        return DEFAULT_OFFLINE_PACE_MS;
    }

    /**
     * The client for a {@code provider/model} string.
     *
     * @throws ModelException of kind NOT_CONFIGURED when the provider is not available
     */
    public ModelClient resolve(String modelString) throws ModelException {
        ModelRef ref;
        try {
            ref = ModelRef.parse(modelString);
        } catch (IllegalArgumentException e) {
            throw new ModelException(Kind.NOT_CONFIGURED, e.getMessage());
        }
        if (ref.provider().equals(OfflineModel.PROVIDER)) {
            return offline;
        }
        ModelClient client = providers.get(ref.provider());
        if (client != null) {
            return client;
        }
        if (factory != null) {
            return factory.resolve(ref);
        }
        throw new ModelException(Kind.NOT_CONFIGURED, "model provider '" + ref.provider()
                + "' is not available in this build; use " + ModelRef.DEFAULT_MODEL
                + " (real providers need their connector and an API key, which this build does not have yet)");
    }

    /** What a call cost by the price table. */
    public PriceTable.Cost cost(String provider, String model, Usage usage) {
        return prices.cost(provider, model, usage);
    }
}
