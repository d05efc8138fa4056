package io.djinnbot.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A page of {@code GET /v1/llm-calls}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LlmCallPage(List<LlmCall> calls, long total, @JsonProperty("has_more") boolean hasMore) {

    public LlmCallPage {
        calls = calls == null ? List.of() : List.copyOf(calls);
    }
}
