package io.djinnbot.server.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the command line keeps of the run object returned by {@code POST /v1/runs}.
 *
 * @param createdAt epoch milliseconds, or 0 when the server did not say
 * @param workspace the run's workspace path, or {@code ""} when the server did not say
 * @param stepIds   the pipeline's step ids, so that step names line up from the first line
 */
public record RunInfo(String id, String pipelineId, String status, long createdAt, String workspace,
                      java.util.List<String> stepIds) {
    public RunInfo {
        stepIds = stepIds == null ? java.util.List.of() : java.util.List.copyOf(stepIds);
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("the run has no id");
        }
        pipelineId = pipelineId == null ? "" : pipelineId;
        status = status == null ? "" : status;
        workspace = workspace == null ? "" : workspace;
    }

    /** Reads the run object; the workspace may be named {@code workspace_path} or {@code workspace}. */
    public static RunInfo from(JsonNode run) {
        String workspace = run.path("workspace_path").asText("");
        if (workspace.isBlank() && run.path("workspace").isTextual()) {
            workspace = run.path("workspace").asText();
        }
        java.util.List<String> steps = new java.util.ArrayList<>();
        run.path("steps").forEach(step -> steps.add(step.path("step_id").asText("")));
        return new RunInfo(run.path("id").asText(""), run.path("pipeline_id").asText(""),
                run.path("status").asText(""), run.path("created_at").asLong(0), workspace, steps);
    }
}
