package io.djinnbot.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One validation error or warning: where in the YAML ({@code steps[1].agent}) and what is wrong. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ValidationProblem(String path, String message) {
}
