package io.djinnbot.server.cli;

/** The server answered, but with an error status. */
public final class ApiErrorException extends Exception {
    private final transient ApiError error;

    public ApiErrorException(ApiError error) {
        super(error.detail());
        this.error = error;
    }

    public ApiError error() {
        return error;
    }
}
