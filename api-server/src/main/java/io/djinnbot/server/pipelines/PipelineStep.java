package io.djinnbot.server.pipelines;

import java.util.List;
import java.util.Map;
import java.util.Collections;
import java.util.LinkedHashMap;

/**
 * An entry of {@code steps:}.
 *
 * @param outputs        declared output keys, lower-cased
 * @param onResult       result value → action, in YAML order
 * @param timeoutSeconds from {@code timeoutSeconds}, or {@code timeout}
 */
public record PipelineStep(
        String id,
        String agent,
        String description,
        String type,
        String model,
        String input,
        List<String> outputs,
        String onComplete,
        Map<String, ResultAction> onResult,
        LoopSpec loop,
        Integer maxRetries,
        Integer timeoutSeconds,
        Integer maxTurns) {

    public PipelineStep {
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        onResult = onResult == null
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(onResult));
    }

    /** A step with {@code loop:} runs once per item of the array its {@code over} output holds. */
    public boolean isLoop() {
        return loop != null;
    }
}
