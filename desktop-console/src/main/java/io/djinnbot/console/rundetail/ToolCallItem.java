package io.djinnbot.console.rundetail;

/**
 * A tool call of an agent; {@code result} and {@code durationMs} stay null until it ends.
 */
public record ToolCallItem(String toolCallId, String stepId, String toolName, String args, String result,
                           boolean error, Long durationMs) {

    /** Whether the call has ended. */
    public boolean finished() {
        return durationMs != null;
    }
}
