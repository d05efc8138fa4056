package io.djinnbot.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One step of a pipeline with its routing: the default next step, the branches per result and, for a loop
 * step, where each item and the whole loop go.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PipelineStep(
        String id,
        String agent,
        String description,
        String type,
        @JsonProperty("on_complete") String onComplete,
        @JsonProperty("on_result") Map<String, ResultRoute> onResult,
        StepLoop loop) {

    public PipelineStep {
        onResult = onResult == null ? Map.of() : Map.copyOf(onResult);
    }
}
