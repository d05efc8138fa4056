package io.djinnbot.server.cli;

import java.util.List;

/** A server started by the command line did not come up; carries the end of its log. */
public final class ServerStartException extends Exception {
    private final transient List<String> logTail;

    public ServerStartException(String message, List<String> logTail) {
        super(message);
        this.logTail = List.copyOf(logTail);
    }

    public List<String> logTail() {
        return logTail;
    }
}
