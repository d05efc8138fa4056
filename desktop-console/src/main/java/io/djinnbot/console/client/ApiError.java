package io.djinnbot.console.client;

import java.util.List;

import io.djinnbot.model.ValidationProblem;

/**
 * An HTTP error answer of the server: its status, the {@code detail} sentence of its {@code {"detail": ...}}
 * body (or the status line when the body had none) and, for a rejected pipeline, the problems found in it.
 *
 * @param status the HTTP status code, 400 or above
 * @param detail a sentence for the user
 * @param problems the {@code errors} list of the body; empty when it had none
 */
public record ApiError(int status, String detail, List<ValidationProblem> problems) {

    public ApiError {
        if (status < 400) {
            throw new IllegalArgumentException("an API error needs a status of 400 or more, got " + status);
        }
        detail = detail == null || detail.isBlank() ? "HTTP " + status : detail;
        problems = problems == null ? List.of() : List.copyOf(problems);
    }
}
