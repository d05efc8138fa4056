package io.djinnbot.server.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code POST /v1/runs}; absent options are left out of the JSON. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateRunRequest(
        @JsonProperty("pipeline_id") String pipelineId,
        @JsonProperty("task_description") String taskDescription,
        @JsonProperty("human_context") String humanContext,
        @JsonProperty("project_name") String projectName,
        @JsonProperty("model_override") String modelOverride) {
    public CreateRunRequest {
        if (pipelineId == null || pipelineId.isBlank() || taskDescription == null || taskDescription.isBlank()) {
            throw new IllegalArgumentException("pipeline and task are required, pipeline=" + pipelineId);
        }
    }

    /** The request for the options given on the command line. */
    public static CreateRunRequest of(RunOptions options) {
        return new CreateRunRequest(options.pipeline(), options.task(), options.context(), options.project(),
                options.model());
    }
}
