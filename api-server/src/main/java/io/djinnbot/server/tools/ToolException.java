package io.djinnbot.server.tools;

/** A tool call that cannot be carried out; its message becomes the error result the model reads. */
public class ToolException extends RuntimeException {
    public ToolException(String message) {
        super(message);
    }
}
