package io.djinnbot.server.pipelines;

import java.util.List;
import java.util.Optional;

/**
 * A validated pipeline in DjinnBot's YAML format.
 *
 * @param file the file it was read from (its base name), or null for one built from text
 */
public record Pipeline(
        String id,
        String name,
        String version,
        String description,
        PipelineDefaults defaults,
        List<PipelineAgent> agents,
        List<PipelineStep> steps,
        String file) {

    public Pipeline {
        agents = List.copyOf(agents);
        steps = List.copyOf(steps);
    }

    public Optional<PipelineStep> step(String stepId) {
        return steps.stream().filter(step -> step.id().equals(stepId)).findFirst();
    }

    public Optional<PipelineAgent> agent(String agentId) {
        return agents.stream().filter(agent -> agent.id().equals(agentId)).findFirst();
    }

    /** The position of a step in YAML order, or -1. */
    public int indexOf(String stepId) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(stepId)) {
                return i;
            }
        }
        return -1;
    }
}
