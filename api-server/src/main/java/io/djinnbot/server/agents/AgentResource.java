package io.djinnbot.server.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.djinnbot.server.app.errors.ApiException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /v1/agents}: the team as read from the agent folders, and config edits. */
@Path("/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
public final class AgentResource {
    private static final int SOUL_PREVIEW_CHARS = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgentRegistry registry;

    public AgentResource(AgentRegistry registry) {
        this.registry = registry;
    }

    @GET
    public List<Map<String, Object>> list() {
        return registry.list().stream().map(AgentResource::summary).toList();
    }

    @GET
    @Path("/{id}")
    public Map<String, Object> get(@PathParam("id") String id) {
        AgentDefinition agent = agent(id);
        Map<String, Object> body = summary(agent);
        body.put("files", new LinkedHashMap<>(agent.personaFiles()));
        String soul = agent.personaFiles().get("SOUL.md");
        body.put("soul_preview", soul == null ? null : soul.substring(0, Math.min(SOUL_PREVIEW_CHARS, soul.length())));
        body.put("config", new LinkedHashMap<>(agent.config()));
        return body;
    }

    @PUT
    @Path("/{id}/config")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> updateConfig(@PathParam("id") String id, JsonNode body) {
        agent(id);
        if (body == null || !body.isObject()) {
            throw new ApiException(422, "the request body must be a JSON object of config keys, got "
                    + (body == null ? "nothing" : body.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> changes = JSON.convertValue(body, LinkedHashMap.class);
        AgentDefinition updated;
        try {
            updated = registry.updateConfig(id, changes);
        } catch (IllegalStateException e) {
            throw new ApiException(409, e.getMessage());
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", "updated");
        response.put("config", new LinkedHashMap<>(updated.config()));
        return response;
    }

    private AgentDefinition agent(String id) {
        return registry.find(id).orElseThrow(() -> ApiException.notFound("Agent '" + id + "' not found"));
    }

    private static Map<String, Object> summary(AgentDefinition agent) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", agent.id());
        body.put("name", agent.name());
        body.put("emoji", agent.emoji());
        body.put("role", agent.role());
        body.put("description", agent.description());
        body.put("persona_files", new ArrayList<>(agent.personaFiles().keySet()));
        body.put("model", agent.model());
        body.put("built_in", agent.builtIn());
        return body;
    }
}
