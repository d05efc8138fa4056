package io.djinnbot.server.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import io.djinnbot.server.app.errors.ApiException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /v1/pipelines}: list, read, validate and edit pipeline files. */
@Path("/v1/pipelines")
@Produces(MediaType.APPLICATION_JSON)
public final class PipelineResource {
    /** Variables every run has without asking: the request's fields. */
    private static final java.util.Set<String> RUN_VARIABLES =
            java.util.Set.of("task_description", "task", "human_context", "project_id", "project_name", "run_id");

    private final PipelineRegistry registry;

    public PipelineResource(PipelineRegistry registry) {
        this.registry = registry;
    }

    @GET
    public List<Map<String, Object>> list() {
        return registry.list().stream()
                .map(pipeline -> PipelineView.of(pipeline, isBuiltIn(pipeline.id())))
                .toList();
    }

    @GET
    @Path("/{id}")
    public Map<String, Object> get(@PathParam("id") String id) {
        Pipeline pipeline = registry.find(id).orElseThrow(() -> notFound(id));
        return PipelineView.of(pipeline, isBuiltIn(id));
    }

    @POST
    @Path("/{id}/validate")
    public Map<String, Object> validate(@PathParam("id") String id) {
        ParseResult result = registry.validate(id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("valid", result.isValid());
        body.put("pipeline_id", id);
        body.put("errors", PipelineView.problems(result.errors()));
        List<Problem> warnings = new java.util.ArrayList<>(result.warnings());
        if (result.pipeline() != null) {
            for (String name : PipelineRequirements.missingVariables(result.pipeline(), RUN_VARIABLES)) {
                warnings.add(new Problem("steps", "template variable '" + name + "' is read by a step but no step "
                        + "outputs it: a run must supply it in a JSON human_context, or creating it fails"));
            }
        }
        body.put("warnings", PipelineView.problems(warnings));
        return body;
    }

    @GET
    @Path("/{id}/raw")
    public Map<String, Object> raw(@PathParam("id") String id) {
        PipelineRegistry.PipelineSource source = registry.source(id).orElseThrow(() -> notFound(id));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pipeline_id", id);
        body.put("yaml", source.yaml());
        body.put("file", source.file());
        body.put("built_in", source.builtIn());
        return body;
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> update(@PathParam("id") String id, JsonNode body) {
        Pipeline saved = registry.save(id, yamlContent(body));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", "updated");
        response.put("pipeline_id", saved.id());
        response.put("file", saved.file());
        return response;
    }

    private static String yamlContent(JsonNode body) {
        JsonNode yaml = body == null ? null : body.has("yaml_content") ? body.get("yaml_content") : body.get("yaml");
        if (yaml == null || yaml.isNull()) {
            throw new ApiException(400, "Field 'yaml_content' is required",
                    List.of(new ApiException.FieldProblem("yaml_content", "required")));
        }
        if (!yaml.isTextual()) {
            throw new ApiException(400, "Field 'yaml_content' must be a string",
                    List.of(new ApiException.FieldProblem("yaml_content", "must be a string")));
        }
        return yaml.asText();
    }

    private boolean isBuiltIn(String id) {
        return registry.source(id).map(PipelineRegistry.PipelineSource::builtIn).orElse(false);
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Pipeline '" + id + "' not found");
    }
}
