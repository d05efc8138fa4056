package io.djinnbot.server.engine;

import java.nio.file.Path;

/**
 * The engine's knobs, read from the {@code engine:} block of config.yml.
 *
 * @param defaultModel          model used when neither the run, step, pipeline nor agent names one
 * @param defaultMaxRetries     retries of a failed step when the pipeline sets none
 * @param defaultTimeoutSeconds step timeout when the pipeline sets none
 * @param defaultMaxTurns       model turns per step attempt when the pipeline sets none
 * @param maxStepVisits         how often one step may run for one loop item (caps goto back-edges)
 * @param resumeOnStartup       resume interrupted runs at start-up (else fail them with a reason)
 * @param workspacesDir         where each run's workspace folder is created
 */
public record EngineSettings(
        String defaultModel,
        int defaultMaxRetries,
        int defaultTimeoutSeconds,
        int defaultMaxTurns,
        int maxStepVisits,
        boolean resumeOnStartup,
        Path workspacesDir) {
}
