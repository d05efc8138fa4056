package io.djinnbot.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The answer of {@code GET /v1/steps/{run_id}/{step_id}/output}: the text so far and whether it still grows. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StepOutput(String output, String thinking, boolean live) {
}
