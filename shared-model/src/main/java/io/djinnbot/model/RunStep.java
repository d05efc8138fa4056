package io.djinnbot.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One step of a run, as listed in {@code GET /v1/runs/{id}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunStep(
        @JsonProperty("step_id") String stepId,
        @JsonProperty("agent_id") String agentId,
        String status,
        int attempt,
        int iterations,
        @JsonProperty("duration_ms") Long durationMs,
        String error,
        @JsonProperty("model_used") String modelUsed) {
}
