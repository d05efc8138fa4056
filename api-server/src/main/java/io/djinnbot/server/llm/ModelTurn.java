package io.djinnbot.server.llm;

import java.util.List;
import java.util.Objects;

/**
 * The model's answer to one call.
 *
 * @param stopReason why it stopped, e.g. {@code stop}, {@code tool_use}, {@code length}
 * @param truncated  true when the answer was cut off by the output token limit
 */
public record ModelTurn(
        String text,
        String thinking,
        List<ToolCall> toolCalls,
        Usage usage,
        String stopReason,
        boolean truncated) {

    public ModelTurn {
        text = Objects.requireNonNullElse(text, "");
        thinking = Objects.requireNonNullElse(thinking, "");
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        usage = Objects.requireNonNullElse(usage, Usage.unknown());
        stopReason = Objects.requireNonNullElse(stopReason, toolCalls.isEmpty() ? "stop" : "tool_use");
    }
}
