package io.djinnbot.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A pipeline as {@code GET /v1/pipelines} shows it: its agents and its steps in file order. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Pipeline(
        String id,
        String name,
        String description,
        String file,
        @JsonProperty("built_in") boolean builtIn,
        List<PipelineAgent> agents,
        List<PipelineStep> steps) {

    public Pipeline {
        agents = agents == null ? List.of() : List.copyOf(agents);
        steps = steps == null ? List.of() : List.copyOf(steps);
    }
}
