package io.djinnbot.server.pipelines;

import java.util.List;

/**
 * The {@code defaults:} block. Null fields were not given.
 *
 * @param timeoutSeconds from {@code timeoutSeconds}, or DjinnBot's alias {@code timeout}
 * @param maxIterations  cap on how often one step may run in a run (goto back-edges); our addition
 */
public record PipelineDefaults(
        String model,
        List<String> tools,
        Integer maxRetries,
        Integer timeoutSeconds,
        Integer maxTurns,
        Integer maxIterations) {

    public PipelineDefaults {
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    public static PipelineDefaults none() {
        return new PipelineDefaults(null, List.of(), null, null, null, null);
    }
}
