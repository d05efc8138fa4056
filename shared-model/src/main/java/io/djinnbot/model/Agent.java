package io.djinnbot.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** An agent of the team; {@code files} and {@code soulPreview} are filled by {@code GET /v1/agents/{id}} only. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Agent(
        String id,
        String name,
        String emoji,
        String role,
        String description,
        String model,
        @JsonProperty("persona_files") List<String> personaFiles,
        @JsonProperty("soul_preview") String soulPreview,
        Map<String, String> files) {

    public Agent {
        personaFiles = personaFiles == null ? List.of() : List.copyOf(personaFiles);
        files = files == null ? Map.of() : Map.copyOf(files);
    }
}
