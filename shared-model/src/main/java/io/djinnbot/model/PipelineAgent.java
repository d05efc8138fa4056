package io.djinnbot.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An agent a pipeline uses, with the model it asks for (may be null). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PipelineAgent(String id, String name, String model) {
}
