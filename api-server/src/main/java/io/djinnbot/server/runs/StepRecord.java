package io.djinnbot.server.runs;

import io.djinnbot.model.StepStatus;
import java.util.Map;

/**
 * A row of {@code steps}: one per pipeline step of a run; loop iterations and retries update it.
 * {@code truncated} is set when a model answer of the current attempt hit its output token limit.
 */
public record StepRecord(
        String runId,
        String stepId,
        int position,
        String agentId,
        StepStatus status,
        int attempt,
        int maxRetries,
        int iterations,
        String input,
        Map<String, String> outputs,
        String outputText,
        String thinkingText,
        String error,
        String modelUsed,
        String humanContext,
        Long startedAt,
        Long completedAt,
        Long durationMs,
        boolean truncated) {
}
