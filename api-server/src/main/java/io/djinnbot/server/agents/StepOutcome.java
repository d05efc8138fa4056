package io.djinnbot.server.agents;

import java.util.Map;

/**
 * How one attempt of a step ended.
 *
 * @param success    true when the agent completed; false when it failed, or the model or a tool broke
 * @param outputs    the outputs (keys lower-case); from {@code complete}, else JSON, else KEY: value lines
 * @param summary    the agent's summary (may be empty)
 * @param error      why it failed, or null on success
 * @param outputText the full streamed answer text of the attempt
 * @param thinking   the full streamed reasoning of the attempt
 * @param modelUsed  the {@code provider/model} that answered
 * @param retryable  false when another attempt cannot succeed (a provider without a key), so the engine
 *                   fails the step at once instead of spending its retries
 */
public record StepOutcome(
        boolean success,
        Map<String, String> outputs,
        String summary,
        String error,
        String outputText,
        String thinking,
        String modelUsed,
        boolean retryable) {

    public StepOutcome {
        outputs = Map.copyOf(outputs);
    }

    public StepOutcome(boolean success, Map<String, String> outputs, String summary, String error, String outputText,
                       String thinking, String modelUsed) {
        this(success, outputs, summary, error, outputText, thinking, modelUsed, true);
    }
}
