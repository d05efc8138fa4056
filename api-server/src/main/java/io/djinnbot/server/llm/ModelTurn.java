package io.djinnbot.server.llm;

import java.util.List;
import java.util.Objects;

/**
 * The model's answer to one call.
 *
 * @param stopReason why it stopped, e.g. {@code stop}, {@code tool_use}, {@code length}
 * @param truncated  true when the answer was cut off by the output token limit
 * @param thinkingBlocks signed reasoning blocks to send back with the next request (Anthropic)
 */
public record ModelTurn(
        String text,
        String thinking,
        List<ToolCall> toolCalls,
        Usage usage,
        String stopReason,
        boolean truncated,
        List<ThinkingBlock> thinkingBlocks) {

    public ModelTurn {
        text = Objects.requireNonNullElse(text, "");
        thinking = Objects.requireNonNullElse(thinking, "");
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        usage = Objects.requireNonNullElse(usage, Usage.unknown());
        stopReason = Objects.requireNonNullElse(stopReason, toolCalls.isEmpty() ? "stop" : "tool_use");
        thinkingBlocks = thinkingBlocks == null ? List.of() : List.copyOf(thinkingBlocks);
    }

    public ModelTurn(String text, String thinking, List<ToolCall> toolCalls, Usage usage, String stopReason,
                     boolean truncated) {
        this(text, thinking, toolCalls, usage, stopReason, truncated, List.of());
    }
}
