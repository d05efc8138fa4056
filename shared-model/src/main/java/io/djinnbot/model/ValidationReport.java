package io.djinnbot.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The answer of {@code POST /v1/pipelines/{id}/validate}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ValidationReport(boolean valid, List<ValidationProblem> errors, List<ValidationProblem> warnings) {

    public ValidationReport {
        errors = errors == null ? List.of() : List.copyOf(errors);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
