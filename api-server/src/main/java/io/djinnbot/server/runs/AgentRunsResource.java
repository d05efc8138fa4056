package io.djinnbot.server.runs;

import io.djinnbot.server.agents.AgentRegistry;
import io.djinnbot.server.app.errors.ApiException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/agents/{id}/runs}: the runs in which an agent worked, newest first. */
@Path("/v1/agents/{agentId}/runs")
@Produces(MediaType.APPLICATION_JSON)
public final class AgentRunsResource {
    private final RunService runs;
    private final AgentRegistry agents;

    public AgentRunsResource(RunService runs, AgentRegistry agents) {
        this.runs = runs;
        this.agents = agents;
    }

    @GET
    public List<Map<String, Object>> runs(@PathParam("agentId") String agentId,
                                          @QueryParam("limit") @DefaultValue("50") int limit) {
        if (agents.find(agentId).isEmpty()) {
            throw ApiException.notFound("Agent '" + agentId + "' not found");
        }
        return runs.list(null, null, agentId, limit, 0);
    }
}
