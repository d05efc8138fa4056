package io.djinnbot.server.pipelines;

import java.util.Objects;

/**
 * One finding about a pipeline file.
 *
 * @param path    where it is, e.g. {@code steps[2].onResult.APPROVED.goto}; empty for the whole file
 * @param message what is wrong, with the nearest valid choice when there is one
 */
public record Problem(String path, String message) {
    public Problem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
