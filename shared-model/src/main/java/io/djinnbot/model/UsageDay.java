package io.djinnbot.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One day of {@code GET /v1/usage/history}; {@code date} is {@code YYYY-MM-DD}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UsageDay(
        String date,
        @JsonProperty("call_count") long callCount,
        @JsonProperty("input_tokens") long inputTokens,
        @JsonProperty("output_tokens") long outputTokens,
        @JsonProperty("total_tokens") long totalTokens,
        double cost) {
}
