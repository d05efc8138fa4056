package io.djinnbot.server.pipelines;

import java.util.List;

/** An entry of {@code agents:}; its id is also the agent's folder name. */
public record PipelineAgent(
        String id,
        String name,
        String persona,
        String model,
        List<String> tools,
        String thinkingLevel) {

    public PipelineAgent {
        tools = tools == null ? List.of() : List.copyOf(tools);
    }
}
