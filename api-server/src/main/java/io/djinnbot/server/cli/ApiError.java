package io.djinnbot.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A refusal from the server: the HTTP status, its {@code detail} sentence and, for validation errors, the
 * problems by path.
 */
public record ApiError(int status, String detail, List<FieldError> errors) {
    private static final int MAX_BODY_CHARS = 300;

    public ApiError {
        detail = detail == null ? "" : detail;
        errors = List.copyOf(errors);
    }

    /** One problem of a validation error. */
    public record FieldError(String path, String message) {
    }

    /**
     * Reads the error body. Besides the contract's {@code {"detail": "...", "errors": [{path, message}]}} it accepts
     * a {@code detail} that is a list of {@code {loc, msg}} problems, and falls back to the raw body.
     */
    public static ApiError parse(ObjectMapper mapper, int status, String body) {
        JsonNode root;
        try {
            root = mapper.readTree(body == null ? "" : body);
        } catch (IOException notJson) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            String raw = body == null ? "" : RunRenderer.abbreviate(RunRenderer.collapse(body), MAX_BODY_CHARS);
            return new ApiError(status, raw.isEmpty() ? "HTTP " + status : "HTTP " + status + ": " + raw, List.of());
        }
        List<FieldError> errors = new ArrayList<>();
        for (JsonNode error : root.path("errors")) {
            errors.add(new FieldError(error.path("path").asText(""), error.path("message").asText("")));
        }
        JsonNode detail = root.path("detail");
        String sentence;
        if (detail.isArray()) {
            sentence = "the request was not accepted";
            for (JsonNode problem : detail) {
                errors.add(new FieldError(path(problem.path("loc")), problem.path("msg").asText("")));
            }
        } else {
            sentence = detail.asText("");
        }
        return new ApiError(status, sentence.isBlank() ? "HTTP " + status : sentence, errors);
    }

    /** The lines shown to the user: the detail, then one {@code path: message} line per problem. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add(detail);
        for (FieldError error : errors) {
            lines.add("  " + (error.path().isBlank() ? "" : error.path() + ": ") + error.message());
        }
        return lines;
    }

    private static String path(JsonNode loc) {
        if (!loc.isArray()) {
            return loc.asText("");
        }
        List<String> parts = new ArrayList<>();
        loc.forEach(part -> parts.add(part.asText()));
        return String.join(".", parts);
    }
}
