package io.djinnbot.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a step's result sends the run: another step, a retry, or on with the enclosing loop. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResultRoute(
        @JsonProperty("goto") String target,
        boolean retry,
        @JsonProperty("continue_loop") boolean continueLoop) {
}
