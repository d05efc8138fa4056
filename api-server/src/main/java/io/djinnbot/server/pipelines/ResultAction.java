package io.djinnbot.server.pipelines;

/**
 * What {@code onResult.<VALUE>} asks for when a step's output equals VALUE.
 *
 * @param gotoStep     step to run next (may be a back-edge), or null
 * @param retry        re-run this step
 * @param maxRetries   budget for {@code retry}, or null for the step's own
 * @param continueLoop return to the enclosing loop and take its next item
 * @param notification a message for another agent ({@code notify:}), or null
 */
public record ResultAction(
        String gotoStep,
        boolean retry,
        Integer maxRetries,
        boolean continueLoop,
        Notify notification) {

    /** {@code notify: {agent, message}}. */
    public record Notify(String agent, String message) {
    }
}
