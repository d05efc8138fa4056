package io.djinnbot.server.agents;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An agent of the team, read from its folder.
 *
 * @param personaFiles the persona files that exist (IDENTITY.md, SOUL.md, AGENTS.md, DECISION.md), name → content
 * @param config       config.yml with snake_case keys
 * @param builtIn      true when it comes from the application's own resources, not a user folder
 */
public record AgentDefinition(
        String id,
        String name,
        String emoji,
        String role,
        String description,
        Map<String, String> personaFiles,
        Map<String, Object> config,
        boolean builtIn) {

    public AgentDefinition {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("agent id must not be blank, was '" + id + "'");
        }
        name = Objects.requireNonNullElse(name, id);
        emoji = Objects.requireNonNullElse(emoji, "");
        role = Objects.requireNonNullElse(role, "");
        description = Objects.requireNonNullElse(description, "");
        personaFiles = Collections.unmodifiableMap(new LinkedHashMap<>(personaFiles));
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }

    /** The model string from config.yml, or null when it names none. */
    public String model() {
        Object model = config.get("model");
        return model == null || model.toString().isBlank() ? null : model.toString().strip();
    }

    /** The thinking level from config.yml, or null when it names none (which means off). */
    public String thinkingLevel() {
        Object level = config.get("thinking_level");
        return level == null || level.toString().isBlank() ? null : level.toString().strip();
    }

    /** The content of a persona file, or an empty string when the agent has none. */
    public String file(String name) {
        return personaFiles.getOrDefault(name, "");
    }
}
