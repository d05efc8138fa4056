package io.djinnbot.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A loop step: the output it iterates over, the step run after each item and the step after the last one. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StepLoop(
        String over,
        @JsonProperty("on_each_complete") String onEachComplete,
        @JsonProperty("on_all_complete") String onAllComplete) {
}
