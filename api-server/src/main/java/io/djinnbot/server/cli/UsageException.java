package io.djinnbot.server.cli;

/** The command line was used wrongly; the message says how. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
