package io.djinnbot.server.llm;

import java.util.Locale;

/**
 * A DjinnBot model string split into provider and model: {@code openrouter/moonshotai/kimi-k2.5}
 * is provider {@code openrouter}, model {@code moonshotai/kimi-k2.5}.
 */
public record ModelRef(String provider, String model) {
    /** The model used when nothing names one: the embedded simulated agent. */
    public static final String DEFAULT_MODEL = "offline/simulated";

    public ModelRef {
        if (provider == null || provider.isBlank()) {
            throw new IllegalArgumentException("provider must not be blank, was '" + provider + "'");
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model of provider " + provider + " must not be blank");
        }
    }

    /**
     * Parses a model string. Null or blank means {@link #DEFAULT_MODEL}; bare {@code offline} is the
     * simulated agent; any other string without a slash is, as in DjinnBot, an OpenRouter model id.
     */
    public static ModelRef parse(String modelString) {
        String text = modelString == null ? "" : modelString.strip();
        if (text.isEmpty()) {
            text = DEFAULT_MODEL;
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return text.equalsIgnoreCase(OfflineModel.PROVIDER)
                    ? new ModelRef(OfflineModel.PROVIDER, "simulated")
                    : new ModelRef("openrouter", text);
        }
        String provider = text.substring(0, slash).strip().toLowerCase(Locale.ROOT);
        String model = text.substring(slash + 1).strip();
        if (provider.isEmpty()) {
            throw new IllegalArgumentException("model string '" + modelString + "' has no provider before '/'");
        }
        return new ModelRef(provider, model.isEmpty() ? "default" : model);
    }

    /** The string form, {@code provider/model}. */
    @Override
    public String toString() {
        return provider + "/" + model;
    }
}
