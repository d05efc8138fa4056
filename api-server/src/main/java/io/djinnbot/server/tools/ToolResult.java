package io.djinnbot.server.tools;

import java.util.Objects;

/** What a tool answers; errors are results too, so the model can read them and react. */
public record ToolResult(String content, boolean isError) {

    public ToolResult {
        content = Objects.requireNonNullElse(content, "");
    }

    public static ToolResult ok(String content) {
        return new ToolResult(content, false);
    }

    public static ToolResult error(String content) {
        return new ToolResult(content, true);
    }
}
