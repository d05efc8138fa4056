package io.djinnbot.server.pipelines;

import java.util.ArrayList;
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
        Set<String> reachable = reachableSteps(pipeline);
        SequencedSet<String> missing = new LinkedHashSet<>();
        for (PipelineStep step : pipeline.steps()) {
            if (!reachable.contains(step.id())) {
                // a step no route leads to never runs, so what it reads cannot stop a run
                continue;
            }
            for (String name : Templates.requiredVariables(step.input())) {
                if (!available.contains(name)) {
                    missing.add(name);
                }
            }
        }
        return missing;
    }

    /**
     * Ids of the steps a run can reach from the first step: onComplete, goto, loop edges, continueLoop
     * back to a loop, and the fall-through to the next step when an onResult matches nothing.
     */
    public static Set<String> reachableSteps(Pipeline pipeline) {
        List<PipelineStep> steps = pipeline.steps();
        Set<String> reached = new LinkedHashSet<>();
        if (steps.isEmpty()) {
            return reached;
        }
        List<String> loopSteps = steps.stream().filter(PipelineStep::isLoop).map(PipelineStep::id).toList();
        List<String> queue = new ArrayList<>(List.of(steps.getFirst().id()));
        while (!queue.isEmpty()) {
            String id = queue.removeLast();
            int index = id == null ? -1 : pipeline.indexOf(id);
            if (index < 0 || !reached.add(id)) {
                continue;
            }
            PipelineStep step = steps.get(index);
            queue.add(step.onComplete());
            if (step.loop() != null) {
                queue.add(step.loop().onEachComplete());
                queue.add(step.loop().onAllComplete());
            }
            for (ResultAction action : step.onResult().values()) {
                queue.add(action.gotoStep());
                if (action.continueLoop()) {
                    queue.addAll(loopSteps);
                }
            }
            if (!step.onResult().isEmpty() && step.onComplete() == null && !step.isLoop()
                    && index + 1 < steps.size()) {
                queue.add(steps.get(index + 1).id());
            }
        }
        return reached;
    }
}
