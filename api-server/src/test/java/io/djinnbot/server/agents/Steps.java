package io.djinnbot.server.agents;

import io.djinnbot.server.engine.CancelToken;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Builds step executions for tests. */
final class Steps {
    private Steps() {
    }

    static StepExecution step(String stepId, List<String> outputs, List<String> choices, String loopItem,
            Path workspace, String model, CancelToken cancel, StepEvents events) {
        return new StepExecution("run_0123456789ab", stepId, "kai", model, "You are Kai.",
                "Do the " + stepId + " step.", "Build a command line todo app in Python", outputs, choices,
                Map.of(), loopItem, workspace, 10, "low", cancel, events);
    }
}
