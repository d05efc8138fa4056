package io.djinnbot.server.llm;

import java.util.Objects;

/**
 * A model call that failed. The message is a sentence for the user; it never contains a key.
 * {@link #partialText()} keeps what was streamed before the failure.
 */
public class ModelException extends Exception {
    /** What went wrong, coarsely, so callers can decide whether to retry. */
    public enum Kind { NOT_CONFIGURED, RATE_LIMITED, AUTH, NETWORK, PROVIDER, TIMEOUT }

    private final Kind kind;
    private final String partialText;

    public ModelException(Kind kind, String message) {
        this(kind, message, "", null);
    }

    public ModelException(Kind kind, String message, String partialText, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.partialText = Objects.requireNonNullElse(partialText, "");
    }

    public Kind kind() {
        return kind;
    }

    public String partialText() {
        return partialText;
    }
}
