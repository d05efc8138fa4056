package io.djinnbot.server.cli;

/** The event stream could not be kept open: the server refused it or stayed unreachable too long. */
public final class StreamLostException extends Exception {
    public StreamLostException(String message) {
        super(message);
    }
}
