package io.djinnbot.server.llm;

import java.util.List;
import java.util.Objects;

/** One message of a conversation with a model. */
public sealed interface ChatMessage {

    /** What the user (or the engine on its behalf) says. */
    record User(String text) implements ChatMessage {
        public User {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A turn of the model: its text and the tool calls it asked for. {@code thinkingBlocks} are the signed
     * reasoning blocks a provider (Anthropic) wants back unchanged with tool results.
     */
    record Assistant(String text, List<ToolCall> toolCalls, List<ThinkingBlock> thinkingBlocks)
            implements ChatMessage {
        public Assistant {
            text = Objects.requireNonNullElse(text, "");
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
            thinkingBlocks = thinkingBlocks == null ? List.of() : List.copyOf(thinkingBlocks);
        }

        public Assistant(String text, List<ToolCall> toolCalls) {
            this(text, toolCalls, List.of());
        }
    }

    /** The answer to one tool call. */
    record ToolResult(String toolCallId, String toolName, String content, boolean isError) implements ChatMessage {
        public ToolResult {
            Objects.requireNonNull(toolCallId, "toolCallId");
            Objects.requireNonNull(toolName, "toolName");
            content = Objects.requireNonNullElse(content, "");
        }
    }
}
