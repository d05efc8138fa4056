package io.djinnbot.server.cli;

/** How a run ended, as the stream told it, and the exit code that follows from it. */
public record RunEnd(Kind kind, String message) {
    /** The three terminal states of a run. */
    public enum Kind {
        COMPLETED,
        FAILED,
        CANCELLED
    }

    public RunEnd {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        message = message == null ? "" : message;
    }

    /**
     * The process exit code: 0 when the run completed, 1 when it failed, 130 when it was cancelled because the user
     * pressed Ctrl-C here, 1 when something else cancelled it.
     */
    public int exitCode(boolean cancelRequestedHere) {
        return switch (kind) {
            case COMPLETED -> ExitCodes.OK;
            case FAILED -> ExitCodes.FAILURE;
            case CANCELLED -> cancelRequestedHere ? ExitCodes.INTERRUPTED : ExitCodes.FAILURE;
        };
    }
}
