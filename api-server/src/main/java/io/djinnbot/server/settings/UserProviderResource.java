package io.djinnbot.server.settings;

import com.fasterxml.jackson.databind.JsonNode;
import io.djinnbot.server.app.errors.ApiException;
import io.djinnbot.server.llm.providers.ProviderCatalog.Spec;
import io.djinnbot.server.settings.ProviderKeyStore.Entry;
import io.djinnbot.server.settings.ProviderKeyStore.Scope;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** {@code /v1/settings/user-providers}: the local user's own provider keys, which win over instance keys. */
@Path("/v1/settings/user-providers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class UserProviderResource {
    private final ProviderKeyStore store;

    public UserProviderResource(ProviderKeyStore store) {
        this.store = store;
    }

    @GET
    public List<Map<String, Object>> list() {
        return store.list(Scope.USER).stream()
                .map(entry -> ProviderViews.userProvider(entry.providerId(), entry)).toList();
    }

    @GET
    @Path("/{providerId: .+}")
    public Map<String, Object> get(@PathParam("providerId") String providerId) {
        Entry entry = store.find(Scope.USER, providerId)
                .orElseThrow(() -> ApiException.notFound("no key of yours for provider " + providerId));
        return ProviderViews.userProvider(providerId, entry);
    }

    @PUT
    @Path("/{providerId: .+}")
    public Map<String, Object> put(@PathParam("providerId") String providerId, JsonNode body) {
        Spec spec = ProviderViews.spec(providerId);
        ProviderViews.Update update = ProviderViews.Update.of(body);
        Entry saved = store.upsert(Scope.USER, spec.id(), update.enabled(), update.apiKey(), update.extraConfig());
        return ProviderViews.userProvider(spec.id(), saved);
    }

    @DELETE
    @Path("/{providerId: .+}")
    public Map<String, Object> delete(@PathParam("providerId") String providerId) {
        store.delete(Scope.USER, providerId);
        return Map.of("status", "ok", "provider_id", providerId);
    }
}
