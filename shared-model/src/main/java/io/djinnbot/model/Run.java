package io.djinnbot.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A run as {@code GET /v1/runs} and {@code GET /v1/runs/{id}} show it. Times are epoch milliseconds; the steps
 * are present only on the single-run route.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Run(
        String id,
        @JsonProperty("pipeline_id") String pipelineId,
        String task,
        String status,
        @JsonProperty("current_step") String currentStep,
        RunProgress progress,
        @JsonProperty("created_at") Long createdAt,
        @JsonProperty("started_at") Long startedAt,
        @JsonProperty("completed_at") Long completedAt,
        @JsonProperty("duration_ms") Long durationMs,
        @JsonProperty("total_tokens") long totalTokens,
        @JsonProperty("cost_total") double costTotal,
        String workspace,
        String error,
        @JsonProperty("human_context") String humanContext,
        @JsonProperty("model_override") String modelOverride,
        List<RunStep> steps) {

    public Run {
        progress = progress == null ? new RunProgress(0, 0) : progress;
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** The status as an enum; {@link RunStatus#PENDING} for a value this build does not know. */
    public RunStatus runStatus() {
        try {
            return RunStatus.fromWire(status);
        } catch (IllegalArgumentException e) {
            return RunStatus.PENDING;
        }
    }
}
