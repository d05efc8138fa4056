package io.djinnbot.console.runs;

import java.util.List;

import io.djinnbot.model.Run;
import io.djinnbot.model.RunProgress;
import io.djinnbot.model.RunStep;

/** A mutable copy of a {@link Run}, for applying an event and freezing the result again. */
final class RunDraft {
    String id;
    String pipelineId;
    String task;
    String status;
    String currentStep;
    int done;
    int total;
    Long createdAt;
    Long startedAt;
    Long completedAt;
    Long durationMs;
    long totalTokens;
    double costTotal;
    String workspace;
    String error;
    String humanContext;
    String modelOverride;
    List<RunStep> steps;

    RunDraft(Run run) {
        id = run.id();
        pipelineId = run.pipelineId();
        task = run.task();
        status = run.status();
        currentStep = run.currentStep();
        done = run.progress().done();
        total = run.progress().total();
        createdAt = run.createdAt();
        startedAt = run.startedAt();
        completedAt = run.completedAt();
        durationMs = run.durationMs();
        totalTokens = run.totalTokens();
        costTotal = run.costTotal();
        workspace = run.workspace();
        error = run.error();
        humanContext = run.humanContext();
        modelOverride = run.modelOverride();
        steps = run.steps();
    }

    Run toRun() {
        return new Run(id, pipelineId, task, status, currentStep, new RunProgress(done, total), createdAt, startedAt,
                completedAt, durationMs, totalTokens, costTotal, workspace, error, humanContext, modelOverride, steps);
    }

    /** A run known only from its {@code run_created} event. */
    static Run created(String id, String pipelineId, String task, long timestamp) {
        return new Run(id, pipelineId, task, "pending", null, new RunProgress(0, 0), timestamp, null, null, null, 0, 0,
                null, null, null, null, List.of());
    }
}
