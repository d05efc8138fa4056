package io.djinnbot.server.pipelines;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of reading one pipeline file.
 *
 * @param pipeline the pipeline, or null when there are errors
 * @param errors   problems that make the file unusable
 * @param warnings problems that are reported but do not stop the file from loading
 */
public record ParseResult(Pipeline pipeline, List<Problem> errors, List<Problem> warnings) {
    public ParseResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        if (!errors.isEmpty() && pipeline != null) {
            throw new IllegalArgumentException("a result with errors carries no pipeline");
        }
        if (errors.isEmpty() && pipeline == null) {
            throw new IllegalArgumentException("a result without errors needs a pipeline");
        }
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    /** The errors as one line each, for logs and messages. */
    public String errorSummary() {
        return errors.stream().map(Problem::toString).collect(Collectors.joining("; "));
    }
}
