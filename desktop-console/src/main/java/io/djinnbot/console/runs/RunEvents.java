package io.djinnbot.console.runs;

import io.djinnbot.console.client.ServerEvent;
import io.djinnbot.model.EventType;
import io.djinnbot.model.Run;
import io.djinnbot.model.RunStep;

/** How one event changes a run's summary row. Pure functions: no state, no threads. */
public final class RunEvents {
    private RunEvents() {
    }

    /**
     * The run after {@code event}; the same instance when the event does not change the summary.
     * {@code run_created} and {@code run_deleted} add and remove rows and are not handled here.
     */
    public static Run apply(Run run, ServerEvent event) {
        RunDraft draft = new RunDraft(run);
        switch (event.type()) {
            case EventType.STEP_STARTED -> {
                draft.status = "running";
                draft.currentStep = event.stepId();
                if (draft.startedAt == null) {
                    draft.startedAt = event.timestamp();
                }
            }
            case EventType.STEP_COMPLETE -> {
                // Progress counts distinct completed steps; a loop completes the same step once per item.
                if (draft.steps == null || draft.steps.isEmpty()) {
                    return run;
                }
                draft.steps = draft.steps.stream()
                        .map(step -> step.stepId().equals(event.stepId()) && !"completed".equals(step.status())
                                ? new RunStep(step.stepId(), step.agentId(), "completed", step.attempt(),
                                        step.iterations(), step.durationMs(), step.error(), step.modelUsed())
                                : step)
                        .toList();
                draft.done = (int) draft.steps.stream().filter(step -> "completed".equals(step.status())).count();
            }
            case EventType.LLM_CALL -> {
                draft.totalTokens += event.number("total_tokens");
                draft.costTotal += event.decimal("cost_total");
            }
            case EventType.RUN_COMPLETE -> finish(draft, event, "completed");
            case EventType.RUN_FAILED -> finish(draft, event, "failed");
            case EventType.RUN_CANCELLED -> finish(draft, event, "cancelled");
            case EventType.RUN_RESTARTED, "run_resumed" -> {
                draft.status = "pending";
                draft.completedAt = null;
                draft.durationMs = null;
                draft.error = null;
            }
            default -> {
                return run;
            }
        }
        return draft.toRun();
    }

    private static void finish(RunDraft draft, ServerEvent event, String status) {
        draft.status = status;
        draft.completedAt = event.timestamp();
        if ("completed".equals(status)) {
            draft.done = draft.total;
        }
        if (draft.startedAt != null) {
            draft.durationMs = Math.max(0, event.timestamp() - draft.startedAt);
        }
        String error = event.text("error");
        if (error != null) {
            draft.error = error;
        }
    }
}
