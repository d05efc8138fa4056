package io.djinnbot.server.pipelines;

/**
 * {@code loop: {over, onEachComplete, onAllComplete}}.
 *
 * @param over           name of the output that holds a JSON array of items
 * @param onEachComplete step to run after each item, or null
 * @param onAllComplete  step to run after the last item, or null (then onComplete, then the end)
 */
public record LoopSpec(String over, String onEachComplete, String onAllComplete) {
}
