package io.djinnbot.server.llm;

import java.util.Map;
import java.util.Objects;

/**
 * A tool as a model sees it.
 *
 * @param jsonSchema the JSON schema of the arguments object
 */
public record ToolSpec(String name, String description, Map<String, Object> jsonSchema) {

    public ToolSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("tool name must not be blank, was '" + name + "'");
        }
        description = Objects.requireNonNullElse(description, "");
        jsonSchema = Map.copyOf(Objects.requireNonNull(jsonSchema, "jsonSchema of tool " + name));
    }
}
