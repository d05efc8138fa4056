package io.djinnbot.server.settings;

import com.fasterxml.jackson.databind.JsonNode;
import io.djinnbot.server.app.errors.ApiException;
import io.djinnbot.server.llm.providers.ProviderCatalog.Spec;
import io.djinnbot.server.llm.providers.ProviderFactory;
import io.djinnbot.server.llm.providers.ProviderSettings;
import io.djinnbot.server.settings.ProviderKeyStore.Entry;
import io.djinnbot.server.settings.ProviderKeyStore.Scope;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/settings/providers}: the provider catalog with masked keys, storing keys (encrypted), and
 * the engine-only route with plaintext keys.
 */
@Path("/v1/settings/providers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ProviderSettingsResource {
    private final ProviderKeyStore store;
    private final ProviderFactory factory;
    private final byte[] engineToken;

    public ProviderSettingsResource(ProviderKeyStore store, ProviderFactory factory, String engineToken) {
        this.store = store;
        this.factory = factory;
        this.engineToken = engineToken == null || engineToken.isBlank() ? null
                : engineToken.strip().getBytes(StandardCharsets.UTF_8);
    }

    @GET
    public List<Map<String, Object>> list() {
        ProviderSettings settings = factory.settings();
        Map<String, Entry> stored = new LinkedHashMap<>();
        store.list(Scope.INSTANCE).forEach(entry -> stored.put(entry.providerId(), entry));
        List<Map<String, Object>> views = new ArrayList<>();
        for (Spec spec : ProviderViews.catalog()) {
            views.add(ProviderViews.provider(spec, stored.remove(spec.id()), settings));
        }
        for (Entry entry : stored.values()) {
            views.add(ProviderViews.provider(ProviderViews.spec(entry.providerId()), entry, settings));
        }
        return views;
    }

    @PUT
    @Path("/{providerId: .+}")
    public Map<String, Object> put(@PathParam("providerId") String providerId, JsonNode body) {
        Spec spec = ProviderViews.spec(providerId);
        ProviderViews.Update update = ProviderViews.Update.of(body);
        Entry saved = store.upsert(Scope.INSTANCE, spec.id(), update.enabled(), update.apiKey(), update.extraConfig());
        return ProviderViews.provider(spec, saved, factory.settings());
    }

    @DELETE
    @Path("/{providerId: .+}")
    public Map<String, Object> delete(@PathParam("providerId") String providerId) {
        store.delete(Scope.INSTANCE, providerId);
        return Map.of("status", "ok", "provider_id", providerId);
    }

    /** Plaintext keys for the engine: only with {@code Authorization: Bearer <engine token>}. */
    @GET
    @Path("/keys/all")
    public Map<String, Object> keys(@HeaderParam("Authorization") String authorization) {
        if (engineToken == null) {
            throw new ApiException(403, "no engine token is configured (ENGINE_INTERNAL_TOKEN); "
                    + "plaintext keys are not served");
        }
        String presented = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : "";
        if (!MessageDigest.isEqual(engineToken, presented.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(403, "this route needs the engine token");
        }
        Map<String, String> keys = new LinkedHashMap<>();
        Map<String, String> extra = new LinkedHashMap<>();
        Map<String, Object> sources = new LinkedHashMap<>();
        factory.allKeys().forEach((id, key) -> {
            if (key.apiKey() != null) {
                keys.put(id, key.apiKey());
                sources.put(id, Map.of("source", key.source(), "masked_key", key.maskedKey()));
            }
            extra.putAll(key.extra());
        });
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("keys", keys);
        view.put("extra", extra);
        view.put("key_sources", sources);
        return view;
    }
}
