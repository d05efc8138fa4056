package io.djinnbot.server.runs;

import io.djinnbot.model.RunStatus;
import java.util.Map;

/** A row of {@code runs}. */
public record RunRecord(
        String id,
        String pipelineId,
        String projectId,
        String projectName,
        String taskDescription,
        String humanContext,
        String modelOverride,
        RunStatus status,
        String currentStepId,
        Map<String, String> outputs,
        String cursorState,
        String error,
        String workspace,
        long createdAt,
        long updatedAt,
        Long startedAt,
        Long completedAt) {
}
