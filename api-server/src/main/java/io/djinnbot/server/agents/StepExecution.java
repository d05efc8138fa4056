package io.djinnbot.server.agents;

import io.djinnbot.server.engine.CancelToken;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything an agent needs to work on one attempt of one step.
 *
 * @param model           the resolved {@code provider/model} string, e.g. {@code offline/simulated}
 * @param systemPrompt    persona and environment, built from the agent's files
 * @param userPrompt      the step's rendered input
 * @param declaredOutputs the output keys the step declares (lower-case as in the YAML)
 * @param resultChoices   the values the step's {@code onResult} reacts to, in YAML order
 * @param knownOutputs    the run's outputs so far (the offline model reads them; real models see
 *                        them through the prompt)
 * @param loopItem        the current loop item, or null outside loops
 * @param thinkingLevel   off, minimal, low, medium, high or xhigh; null means off
 */
public record StepExecution(
        String runId,
        String stepId,
        String agentId,
        String model,
        String systemPrompt,
        String userPrompt,
        String taskDescription,
        List<String> declaredOutputs,
        List<String> resultChoices,
        Map<String, String> knownOutputs,
        String loopItem,
        Path workspace,
        int maxTurns,
        String thinkingLevel,
        CancelToken cancel,
        StepEvents events) {

    public StepExecution {
        declaredOutputs = List.copyOf(declaredOutputs);
        resultChoices = List.copyOf(resultChoices);
        knownOutputs = Map.copyOf(knownOutputs);
    }
}
