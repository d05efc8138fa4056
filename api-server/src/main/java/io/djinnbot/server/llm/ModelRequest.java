package io.djinnbot.server.llm;

import io.djinnbot.server.agents.StepExecution;
import java.util.List;
import java.util.Objects;

/**
 * One call to a model.
 *
 * @param provider        the provider part of the model string, e.g. {@code offline}
 * @param model           the model part, e.g. {@code simulated}
 * @param thinkingLevel   off, minimal, low, medium, high or xhigh; null means off
 * @param step            the step being worked on, or null outside pipelines; only the offline model
 *                        reads it, real models see the step through the prompts
 */
public record ModelRequest(
        String provider,
        String model,
        String systemPrompt,
        List<ChatMessage> messages,
        List<ToolSpec> tools,
        int maxOutputTokens,
        String thinkingLevel,
        StepExecution step) {

    public ModelRequest {
        if (provider == null || provider.isBlank()) {
            throw new IllegalArgumentException("provider must not be blank, was '" + provider + "'");
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank, was '" + model + "'");
        }
        if (maxOutputTokens <= 0) {
            throw new IllegalArgumentException("maxOutputTokens must be positive, was " + maxOutputTokens);
        }
        systemPrompt = Objects.requireNonNullElse(systemPrompt, "");
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }
}
