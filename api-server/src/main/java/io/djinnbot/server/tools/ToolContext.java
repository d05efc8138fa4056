package io.djinnbot.server.tools;

import io.djinnbot.server.engine.CancelToken;
import java.time.Duration;
import java.util.Objects;

/**
 * What a tool may use while it runs.
 *
 * @param maxBashTimeout the longest a {@code bash} command may run, whatever it asks for
 */
public record ToolContext(
        Workspace workspace,
        CancelToken cancel,
        FileChangeListener fileChanges,
        Duration maxBashTimeout) {
    public static final Duration DEFAULT_MAX_BASH_TIMEOUT = Duration.ofMinutes(10);

    public ToolContext {
        Objects.requireNonNull(workspace, "workspace");
        cancel = Objects.requireNonNullElseGet(cancel, CancelToken::new);
        fileChanges = Objects.requireNonNullElse(fileChanges, FileChangeListener.ignoring());
        maxBashTimeout = Objects.requireNonNullElse(maxBashTimeout, DEFAULT_MAX_BASH_TIMEOUT);
        if (maxBashTimeout.isNegative() || maxBashTimeout.isZero()) {
            throw new IllegalArgumentException("maxBashTimeout must be positive, was " + maxBashTimeout);
        }
    }
}
