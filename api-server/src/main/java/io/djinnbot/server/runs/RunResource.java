package io.djinnbot.server.runs;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** {@code /v1/runs}: create, list, read, cancel, restart and delete runs. */
@Path("/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class RunResource {
    private final RunService runs;

    public RunResource(RunService runs) {
        this.runs = runs;
    }

    @GET
    public List<Map<String, Object>> list(@QueryParam("pipeline_id") String pipelineId,
                                          @QueryParam("status") String status,
                                          @QueryParam("limit") @DefaultValue("50") int limit,
                                          @QueryParam("offset") @DefaultValue("0") int offset) {
        return runs.list(blankToNull(pipelineId), blankToNull(status), null, limit, offset);
    }

    @POST
    public Map<String, Object> create(JsonNode body) {
        return runs.create(body);
    }

    @GET
    @Path("/{runId}")
    public Map<String, Object> get(@PathParam("runId") String runId) {
        return runs.view(runId, true);
    }

    @GET
    @Path("/{runId}/steps")
    public List<Map<String, Object>> steps(@PathParam("runId") String runId) {
        return runs.steps(runId).stream().map(RunViews::step).toList();
    }

    @GET
    @Path("/{runId}/outputs")
    @SuppressWarnings("unchecked")
    public Map<String, String> outputs(@PathParam("runId") String runId) {
        return (Map<String, String>) runs.view(runId, false).get("outputs");
    }

    @POST
    @Path("/{runId}/cancel")
    public Map<String, Object> cancel(@PathParam("runId") String runId) {
        return withRunId(runs.cancel(runId), runId);
    }

    @POST
    @Path("/{runId}/restart")
    public Map<String, Object> restart(@PathParam("runId") String runId, JsonNode body) {
        String context = null;
        if (body != null && !body.isNull()) {
            if (!body.isObject()) {
                throw io.djinnbot.server.app.errors.ApiException.badRequest(
                        "request body must be a JSON object such as {\"context\": \"...\"}");
            }
            JsonNode node = body.has("context") ? body.get("context") : body.get("human_context");
            if (node != null && !node.isNull()) {
                if (!node.isTextual()) {
                    throw io.djinnbot.server.app.errors.ApiException.badRequest("field 'context' must be a string");
                }
                context = node.asText();
            }
        }
        return withRunId(runs.restart(runId, context), runId);
    }

    @DELETE
    @Path("/{runId}")
    public Map<String, Object> delete(@PathParam("runId") String runId) {
        return runs.delete(runId);
    }

    private static Map<String, Object> withRunId(Map<String, Object> view, String runId) {
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        result.put("run_id", runId);
        result.putAll(view);
        return result;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
