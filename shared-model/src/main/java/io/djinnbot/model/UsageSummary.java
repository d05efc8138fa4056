package io.djinnbot.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer of {@code GET /v1/llm-calls/summary}: totals, then the same figures per provider, model and agent. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UsageSummary(
        @JsonProperty("call_count") long callCount,
        @JsonProperty("total_tokens") long totalTokens,
        @JsonProperty("total_cost") double totalCost,
        @JsonProperty("by_provider") List<UsageGroup> byProvider,
        @JsonProperty("by_model") List<UsageGroup> byModel,
        @JsonProperty("by_agent") List<UsageGroup> byAgent) {

    public UsageSummary {
        byProvider = byProvider == null ? List.of() : List.copyOf(byProvider);
        byModel = byModel == null ? List.of() : List.copyOf(byModel);
        byAgent = byAgent == null ? List.of() : List.copyOf(byAgent);
    }
}
