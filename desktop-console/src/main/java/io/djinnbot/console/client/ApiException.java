package io.djinnbot.console.client;

/**
 * The server answered, but with an error status. A failure to reach the server at all is an
 * {@link java.io.IOException} instead, so callers can tell "offline" from "refused".
 */
public final class ApiException extends Exception {
    private final ApiError error;

    /** Wraps an error answer. */
    public ApiException(ApiError error) {
        super(error.status() + ": " + error.detail());
        this.error = error;
    }

    /** The status and sentence of the answer. */
    public ApiError error() {
        return error;
    }

    /** Whether the route or the thing asked for does not exist on this server. */
    public boolean isNotFound() {
        return error.status() == 404;
    }
}
