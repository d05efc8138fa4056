package io.djinnbot.server.app.errors;

import java.util.List;

/**
 * A request that cannot be served, with the status and the sentence the caller sees as
 * {@code {"detail": ...}}. Validation failures may carry per-field problems.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final List<FieldProblem> problems;

    public ApiException(int status, String detail) {
        this(status, detail, List.of());
    }

    public ApiException(int status, String detail, List<FieldProblem> problems) {
        super(detail);
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    public int status() {
        return status;
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, detail);
    }

    /** One problem of a validation error: where it is ({@code steps[2].onComplete}) and what is wrong. */
    public record FieldProblem(String path, String message) {
    }
}
