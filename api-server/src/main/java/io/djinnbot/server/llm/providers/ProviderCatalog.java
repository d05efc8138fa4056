package io.djinnbot.server.llm.providers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The providers DjinnBot knows, with the environment variables the original reads for their keys and
 * base URLs. Providers with an {@link Api} are served by this build; the others are listed so their
 * keys can be stored, and fail with a clear sentence when a model names them.
 */
public final class ProviderCatalog {
    /** The wire protocol a provider speaks. */
    public enum Api { OPENAI_CHAT, ANTHROPIC_MESSAGES }

    /**
     * One provider.
     *
     * @param keyVariable     environment variable of the API key; null when none is needed
     * @param baseUrlVariable environment variable that overrides the base URL
     * @param api             the protocol, or null when this build cannot call it
     * @param keyRequired     false for local servers (Ollama) that take no key
     */
    public record Spec(String id, String name, String description, String keyVariable, String baseUrlVariable,
                       String defaultBaseUrl, Api api, boolean keyRequired, String docsUrl, List<String> models) {
        public Spec {
            models = List.copyOf(models);
        }

        public boolean isCustom() {
            return id.startsWith(CUSTOM_PREFIX);
        }
    }

    public static final String CUSTOM_PREFIX = "custom-";
    private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{1,31}$");
    private static final Map<String, Spec> BUILT_IN = new LinkedHashMap<>();

    static {
        add(new Spec("openrouter", "OpenRouter", "Hundreds of models behind one key", "OPENROUTER_API_KEY",
                "OPENROUTER_BASE_URL", "https://openrouter.ai/api/v1", Api.OPENAI_CHAT, true,
                "https://openrouter.ai/keys", List.of("openrouter/moonshotai/kimi-k2.5",
                "openrouter/anthropic/claude-sonnet-4", "openrouter/openai/gpt-5")));
        add(new Spec("anthropic", "Anthropic", "Claude models", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL",
                "https://api.anthropic.com", Api.ANTHROPIC_MESSAGES, true, "https://console.anthropic.com/",
                List.of("anthropic/claude-sonnet-4-5", "anthropic/claude-opus-4-1", "anthropic/claude-haiku-4-5")));
        add(new Spec("openai", "OpenAI", "GPT models", "OPENAI_API_KEY", "OPENAI_BASE_URL",
                "https://api.openai.com/v1", Api.OPENAI_CHAT, true, "https://platform.openai.com/api-keys",
                List.of("openai/gpt-5", "openai/gpt-5-mini", "openai/gpt-4.1", "openai/gpt-4o")));
        add(new Spec("ollama", "Ollama", "Local models served by Ollama", "OLLAMA_API_KEY", "OLLAMA_BASE_URL",
                "http://127.0.0.1:11434/v1", Api.OPENAI_CHAT, false, "https://ollama.com/", List.of()));
        add(new Spec("xai", "xAI", "Grok models", "XAI_API_KEY", "XAI_BASE_URL", "https://api.x.ai/v1",
                Api.OPENAI_CHAT, true, "https://console.x.ai/", List.of("xai/grok-4")));
        add(new Spec("groq", "Groq", "Fast open models", "GROQ_API_KEY", "GROQ_BASE_URL",
                "https://api.groq.com/openai/v1", Api.OPENAI_CHAT, true, "https://console.groq.com/keys", List.of()));
        add(new Spec("mistral", "Mistral", "Mistral models", "MISTRAL_API_KEY", "MISTRAL_BASE_URL",
                "https://api.mistral.ai/v1", Api.OPENAI_CHAT, true, "https://console.mistral.ai/", List.of()));
        add(new Spec("cerebras", "Cerebras", "Fast open models", "CEREBRAS_API_KEY", "CEREBRAS_BASE_URL",
                "https://api.cerebras.ai/v1", Api.OPENAI_CHAT, true, "https://cloud.cerebras.ai/", List.of()));
        add(new Spec("google", "Google", "Gemini models (OpenAI-compatible endpoint)", "GEMINI_API_KEY",
                "GEMINI_BASE_URL", "https://generativelanguage.googleapis.com/v1beta/openai", Api.OPENAI_CHAT, true,
                "https://aistudio.google.com/apikey", List.of("google/gemini-2.5-pro")));
        for (String[] other : new String[][] {{"opencode", "OPENCODE_API_KEY"}, {"zai", "ZAI_API_KEY"},
                {"minimax", "MINIMAX_API_KEY"}, {"minimax-cn", "MINIMAX_CN_API_KEY"},
                {"kimi-coding", "KIMI_API_KEY"}, {"huggingface", "HF_TOKEN"},
                {"azure-openai-responses", "AZURE_OPENAI_API_KEY"}, {"qmdr", "QMD_OPENAI_API_KEY"}}) {
            add(new Spec(other[0], other[0], "Not yet callable from this build", other[1], null, null, null, true,
                    null, List.of()));
        }
    }

    private ProviderCatalog() {
    }

    private static void add(Spec spec) {
        BUILT_IN.put(spec.id(), spec);
    }

    /** The built-in providers, in catalog order. */
    public static List<Spec> builtIn() {
        return new ArrayList<>(BUILT_IN.values());
    }

    /** A built-in provider, or a {@code custom-<slug>} one (OpenAI-compatible, key optional). */
    public static Optional<Spec> find(String providerId) {
        String id = providerId.toLowerCase(Locale.ROOT);
        Spec spec = BUILT_IN.get(id);
        if (spec != null) {
            return Optional.of(spec);
        }
        if (id.startsWith(CUSTOM_PREFIX) && SLUG.matcher(id.substring(CUSTOM_PREFIX.length())).matches()) {
            String env = "CUSTOM_" + id.substring(CUSTOM_PREFIX.length()).toUpperCase(Locale.ROOT).replace('-', '_');
            return Optional.of(new Spec(id, id.substring(CUSTOM_PREFIX.length()), "OpenAI-compatible endpoint",
                    env + "_API_KEY", env + "_BASE_URL", null, Api.OPENAI_CHAT, false, null, List.of()));
        }
        return Optional.empty();
    }
}
