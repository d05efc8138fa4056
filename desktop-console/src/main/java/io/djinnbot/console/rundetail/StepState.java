package io.djinnbot.console.rundetail;

/**
 * One step in the run's timeline.
 *
 * @param attempt the current attempt, 1 for the first
 * @param iterations how many times the step started (loop items and retries included)
 * @param startedAt epoch milliseconds of the last start, or null
 * @param durationMs the last attempt's duration once finished, or null
 */
public record StepState(String stepId, String agentId, String status, int attempt, int iterations, Long startedAt,
                        Long durationMs, String error, String model) {

    StepState withStatus(String newStatus) {
        return new StepState(stepId, agentId, newStatus, attempt, iterations, startedAt, durationMs, error, model);
    }
}
