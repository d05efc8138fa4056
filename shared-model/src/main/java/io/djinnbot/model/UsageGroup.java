package io.djinnbot.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The usage of one provider, model or agent; the keys that do not apply to the grouping are null. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UsageGroup(
        String provider,
        String model,
        @JsonProperty("agent_id") String agentId,
        @JsonProperty("call_count") long callCount,
        @JsonProperty("total_tokens") long totalTokens,
        @JsonProperty("total_cost") double totalCost) {
}
