package io.djinnbot.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One model call with its tokens and cost, as {@code GET /v1/llm-calls} lists it and as the {@code llm_call}
 * event carries it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LlmCall(
        String id,
        @JsonProperty("run_id") String runId,
        @JsonProperty("step_id") String stepId,
        @JsonProperty("agent_id") String agentId,
        String provider,
        String model,
        @JsonProperty("input_tokens") long inputTokens,
        @JsonProperty("output_tokens") long outputTokens,
        @JsonProperty("total_tokens") long totalTokens,
        @JsonProperty("cost_total") double costTotal,
        @JsonProperty("cost_approximate") boolean costApproximate,
        @JsonProperty("duration_ms") long durationMs,
        @JsonProperty("created_at") Long createdAt) {
}
