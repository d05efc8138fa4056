package io.djinnbot.server.pipelines;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.Set;

/** What a run must be given before a pipeline can start. */
public final class PipelineRequirements {
    /** Variables the engine sets while a loop step runs. */
    public static final List<String> LOOP_VARIABLES =
            List.of("current_item", "completed_items", "progress_file", "loop_index", "loop_total");

    private PipelineRequirements() {
    }

    /**
     * Variables some step's input reads unconditionally (outside {@code {% if %}} blocks) that nothing can supply:
     * not in {@code supplied}, not an output any step declares and not a loop variable. In step order, then in
     * order of first use.
     */
    public static SequencedSet<String> missingVariables(Pipeline pipeline, Set<String> supplied) {
        Set<String> available = new LinkedHashSet<>(supplied);
        pipeline.steps().forEach(step -> available.addAll(step.outputs()));
        available.addAll(LOOP_VARIABLES);
        SequencedSet<String> missing = new LinkedHashSet<>();
        for (PipelineStep step : pipeline.steps()) {
            for (String name : Templates.requiredVariables(step.input())) {
                if (!available.contains(name)) {
                    missing.add(name);
                }
            }
        }
        return missing;
    }
}
