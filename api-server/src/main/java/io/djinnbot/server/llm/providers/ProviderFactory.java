package io.djinnbot.server.llm.providers;

import io.djinnbot.server.llm.ModelClient;
import io.djinnbot.server.llm.ModelException;
import io.djinnbot.server.llm.ModelException.Kind;
import io.djinnbot.server.llm.ModelRef;
import io.djinnbot.server.settings.KeyMasks;
import io.djinnbot.server.settings.ProviderKeyStore;
import io.djinnbot.server.settings.ProviderKeyStore.Entry;
import io.djinnbot.server.settings.ProviderKeyStore.Scope;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Builds the client for a model string with the key it should use: the user's own key first, then the
 * key stored in settings, then the environment variable the original reads. Base URLs come from the
 * stored extra configuration, then the environment, then the provider's default. Thread-safe.
 */
public final class ProviderFactory {
    /** A key as the engine-only route reports it. */
    public record ResolvedKey(String providerId, String apiKey, String source, String maskedKey,
                              Map<String, String> extra) {
        @Override
        public String toString() {
            return "ResolvedKey[" + providerId + ", source=" + source + ", key=" + maskedKey + "]";
        }
    }

    private final ProviderHttp http;
    private final ProviderKeyStore store;

    /**
     * @param store stored keys, or null to read the environment only
     */
    public ProviderFactory(ProviderHttp http, ProviderKeyStore store) {
        this.http = http;
        this.store = store;
    }

    public ProviderSettings settings() {
        return http.settings();
    }

    /**
     * The client for a model string whose provider is not {@code offline}.
     *
     * @throws ModelException NOT_CONFIGURED, naming the provider and the variable to set
     */
    public ModelClient resolve(ModelRef ref) throws ModelException {
        ProviderCatalog.Spec spec = ProviderCatalog.find(ref.provider()).orElse(null);
        String model = ref.model();
        if (spec == null) {
            // as in the original: an unknown provider is an OpenRouter model id, the whole string
            spec = ProviderCatalog.find("openrouter").orElseThrow();
            model = ref.toString();
        }
        if (spec.api() == null) {
            throw new ModelException(Kind.NOT_CONFIGURED, "provider '" + spec.id() + "' cannot be called from this "
                    + "build yet; use openai/, anthropic/, openrouter/, ollama/ or custom-<slug>/ models");
        }
        Credentials credentials = credentials(spec);
        ModelClient client = switch (spec.api()) {
            case OPENAI_CHAT -> new OpenAiChatClient(spec.id(), credentials, http);
            case ANTHROPIC_MESSAGES -> new AnthropicClient(credentials, http);
        };
        return model.equals(ref.model()) ? client : new RenamedModel(client, model);
    }

    Credentials credentials(ProviderCatalog.Spec spec) throws ModelException {
        ResolvedKey key = resolveKey(spec);
        String baseUrl = key.extra().get(spec.baseUrlVariable());
        if (baseUrl == null || baseUrl.isBlank()) {
            baseUrl = http.settings().env(spec.baseUrlVariable());
        }
        if (baseUrl == null || baseUrl.isBlank()) {
            baseUrl = spec.defaultBaseUrl();
        }
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new ModelException(Kind.NOT_CONFIGURED, "provider '" + spec.id() + "' is not configured: set "
                    + spec.baseUrlVariable() + " to its OpenAI-compatible base URL (for example "
                    + "http://127.0.0.1:11434/v1)" + (spec.keyVariable() == null ? ""
                    : " and, if it needs one, " + spec.keyVariable()));
        }
        if (spec.keyRequired() && key.apiKey() == null) {
            throw new ModelException(Kind.NOT_CONFIGURED, "provider '" + spec.id() + "' is not configured: set "
                    + spec.keyVariable() + " or store a key with PUT /v1/settings/providers/" + spec.id());
        }
        return new Credentials(key.apiKey(), stripTrailingSlashes(baseUrl.strip()),
                key.apiKey() == null ? null : key.source(), key.maskedKey());
    }

    /** The key for one provider (user's, stored, environment), with its extra configuration. */
    public ResolvedKey resolveKey(ProviderCatalog.Spec spec) {
        Entry user = store == null ? null : store.find(Scope.USER, spec.id()).orElse(null);
        Entry instance = store == null ? null : store.find(Scope.INSTANCE, spec.id()).filter(Entry::enabled)
                .orElse(null);
        Map<String, String> extra = new LinkedHashMap<>();
        if (instance != null) {
            extra.putAll(instance.extraConfig());
        }
        if (user != null) {
            extra.putAll(user.extraConfig());
        }
        extra.remove("DISPLAY_NAME");
        if (user != null && user.hasKey()) {
            return new ResolvedKey(spec.id(), user.apiKey(), "personal", KeyMasks.source(user.apiKey()), extra);
        }
        if (instance != null && instance.hasKey()) {
            return new ResolvedKey(spec.id(), instance.apiKey(), "instance", KeyMasks.source(instance.apiKey()),
                    extra);
        }
        String fromEnv = http.settings().env(spec.keyVariable());
        if (fromEnv != null) {
            return new ResolvedKey(spec.id(), fromEnv, "instance", KeyMasks.source(fromEnv), extra);
        }
        return new ResolvedKey(spec.id(), null, null, null, extra);
    }

    /** Every provider that has a key or extra configuration: catalog providers, then stored custom ones. */
    public Map<String, ResolvedKey> allKeys() {
        Set<String> ids = new LinkedHashSet<>();
        ProviderCatalog.builtIn().forEach(spec -> ids.add(spec.id()));
        if (store != null) {
            store.list(Scope.INSTANCE).forEach(entry -> ids.add(entry.providerId()));
            store.list(Scope.USER).forEach(entry -> ids.add(entry.providerId()));
        }
        Map<String, ResolvedKey> keys = new LinkedHashMap<>();
        for (String id : ids) {
            ProviderCatalog.find(id).map(this::resolveKey)
                    .filter(key -> key.apiKey() != null || !key.extra().isEmpty())
                    .ifPresent(key -> keys.put(id, key));
        }
        return keys;
    }

    private static String stripTrailingSlashes(String url) {
        String result = url;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    /** Sends another model id than the one in the model string (OpenRouter passthrough). */
    private record RenamedModel(ModelClient client, String model) implements ModelClient {
        @Override
        public io.djinnbot.server.llm.ModelTurn complete(io.djinnbot.server.llm.ModelRequest request,
                                                         io.djinnbot.server.llm.StreamListener listener,
                                                         io.djinnbot.server.engine.CancelToken cancel)
                throws ModelException, InterruptedException {
            io.djinnbot.server.llm.ModelRequest renamed = new io.djinnbot.server.llm.ModelRequest(
                    request.provider(), model, request.systemPrompt(), request.messages(), request.tools(),
                    request.maxOutputTokens(), request.thinkingLevel(), request.step());
            return client.complete(renamed, listener, cancel);
        }

        @Override
        public String keySource() {
            return client.keySource();
        }

        @Override
        public String keyMasked() {
            return client.keyMasked();
        }
    }
}
