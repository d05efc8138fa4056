package io.djinnbot.server.llm;

/**
 * A tool call the model asked for.
 *
 * @param id            the provider's id of the call; tool results refer to it
 * @param argumentsJson the arguments as JSON text (an object)
 */
public record ToolCall(String id, String name, String argumentsJson) {

    public ToolCall {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("tool call id must not be blank, was '" + id + "'");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("tool call " + id + " has a blank name");
        }
        argumentsJson = argumentsJson == null || argumentsJson.isBlank() ? "{}" : argumentsJson;
    }
}
