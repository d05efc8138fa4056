package io.djinnbot.server.settings;

import com.fasterxml.jackson.databind.JsonNode;
import io.djinnbot.server.app.errors.ApiException;
import io.djinnbot.server.llm.providers.ProviderCatalog;
import io.djinnbot.server.llm.providers.ProviderCatalog.Spec;
import io.djinnbot.server.llm.providers.ProviderSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** JSON shapes of provider settings, built explicitly (snake_case); keys always masked. */
final class ProviderViews {
    /** Extra configuration values shown in clear: addresses and names, not secrets. */
    private static final Set<String> PLAIN_SUFFIXES = Set.of("_BASE_URL", "_RESOURCE_NAME", "DISPLAY_NAME");

    private ProviderViews() {
    }

    static Spec spec(String providerId) {
        return ProviderCatalog.find(providerId)
                .orElseThrow(() -> ApiException.notFound("Unknown provider: " + providerId));
    }

    static Map<String, Object> provider(Spec spec, ProviderKeyStore.Entry stored, ProviderSettings settings) {
        Map<String, Object> view = new LinkedHashMap<>();
        boolean envKey = settings.env(spec.keyVariable()) != null;
        boolean hasKey = (stored != null && stored.hasKey()) || envKey;
        Map<String, String> extra = stored == null ? Map.of() : stored.extraConfig();
        boolean hasBaseUrl = (spec.baseUrlVariable() != null && extra.containsKey(spec.baseUrlVariable()))
                || settings.env(spec.baseUrlVariable()) != null
                || spec.defaultBaseUrl() != null;
        view.put("provider_id", spec.id());
        view.put("enabled", stored != null && stored.enabled());
        view.put("configured", spec.isCustom() ? hasBaseUrl : (hasKey || !spec.keyRequired()) && hasBaseUrl);
        view.put("masked_api_key", stored != null && stored.hasKey() ? KeyMasks.provider(stored.apiKey())
                : envKey ? KeyMasks.provider(settings.env(spec.keyVariable())) : null);
        view.put("key_from_environment", !(stored != null && stored.hasKey()) && envKey);
        view.put("masked_extra_config", masked(extra));
        view.put("plain_extra_config", plain(extra));
        view.put("name", extra.getOrDefault("DISPLAY_NAME", spec.name()));
        view.put("description", spec.description());
        view.put("api_key_env_var", spec.keyVariable());
        view.put("base_url_env_var", spec.baseUrlVariable());
        view.put("docs_url", spec.docsUrl());
        view.put("models", spec.models().stream().map(id -> Map.of("id", id, "name", id)).toList());
        view.put("callable", spec.api() != null);
        view.put("is_custom", spec.isCustom());
        return view;
    }

    static Map<String, Object> userProvider(String providerId, ProviderKeyStore.Entry entry) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("provider_id", providerId);
        view.put("enabled", entry.enabled());
        view.put("configured", entry.hasKey());
        view.put("masked_api_key", KeyMasks.provider(entry.apiKey()));
        view.put("masked_extra_config", masked(entry.extraConfig()));
        view.put("shared_by_admin", false);
        view.put("updated_at", entry.updatedAt());
        return view;
    }

    private static Map<String, String> masked(Map<String, String> extra) {
        Map<String, String> out = new LinkedHashMap<>();
        extra.forEach((name, value) -> out.put(name, isPlain(name) ? value : KeyMasks.provider(value)));
        return out;
    }

    private static Map<String, String> plain(Map<String, String> extra) {
        Map<String, String> out = new LinkedHashMap<>();
        extra.forEach((name, value) -> {
            if (isPlain(name)) {
                out.put(name, value);
            }
        });
        return out;
    }

    private static boolean isPlain(String name) {
        return PLAIN_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    /** The parts of a PUT body: {@code enabled} (default true), {@code api_key}, {@code extra_config}. */
    record Update(boolean enabled, String apiKey, Map<String, String> extraConfig) {
        static Update of(JsonNode body) {
            if (body == null || body.isNull()) {
                return new Update(true, null, Map.of());
            }
            if (!body.isObject()) {
                throw ApiException.badRequest("request body must be a JSON object such as {\"api_key\": \"...\"}");
            }
            JsonNode enabled = field(body, "enabled", "enabled");
            if (enabled != null && !enabled.isNull() && !enabled.isBoolean()) {
                throw ApiException.badRequest("field 'enabled' must be true or false");
            }
            JsonNode key = field(body, "api_key", "apiKey");
            if (key != null && !key.isNull() && !key.isTextual()) {
                throw ApiException.badRequest("field 'api_key' must be a string");
            }
            JsonNode extra = field(body, "extra_config", "extraConfig");
            Map<String, String> extraConfig = new LinkedHashMap<>();
            if (extra != null && !extra.isNull()) {
                if (!extra.isObject()) {
                    throw ApiException.badRequest("field 'extra_config' must be an object of strings");
                }
                for (Map.Entry<String, JsonNode> entry : extra.properties()) {
                    if (!entry.getValue().isTextual() && !entry.getValue().isNull()) {
                        throw ApiException.badRequest("extra_config." + entry.getKey() + " must be a string");
                    }
                    extraConfig.put(entry.getKey(), entry.getValue().isNull() ? "" : entry.getValue().asText());
                }
            }
            return new Update(enabled == null || enabled.isNull() || enabled.asBoolean(),
                    key == null || key.isNull() ? null : key.asText(), extraConfig);
        }

        private static JsonNode field(JsonNode body, String snake, String camel) {
            return body.has(snake) ? body.get(snake) : body.get(camel);
        }
    }

    static List<Spec> catalog() {
        return ProviderCatalog.builtIn();
    }
}
