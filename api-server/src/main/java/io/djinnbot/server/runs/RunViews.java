package io.djinnbot.server.runs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of runs and steps (snake_case, epoch milliseconds). */
public final class RunViews {
    private RunViews() {
    }

    /** Token and cost totals of a run's model calls. */
    public record Usage(long inputTokens, long outputTokens, long totalTokens, double costTotal, int calls) {
        public static final Usage NONE = new Usage(0, 0, 0, 0, 0);
    }

    public static Map<String, Object> run(RunRecord run, List<StepRecord> steps, Usage usage, boolean withSteps) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", run.id());
        view.put("pipeline_id", run.pipelineId());
        view.put("project_id", run.projectId());
        view.put("project_name", run.projectName());
        view.put("task", run.taskDescription());
        view.put("task_description", run.taskDescription());
        view.put("human_context", run.humanContext());
        view.put("model_override", run.modelOverride());
        view.put("status", run.status().wire());
        view.put("current_step", run.currentStepId());
        view.put("current_step_id", run.currentStepId());
        view.put("outputs", run.outputs());
        view.put("error", run.error());
        view.put("workspace", run.workspace());
        view.put("created_at", run.createdAt());
        view.put("updated_at", run.updatedAt());
        view.put("started_at", run.startedAt());
        view.put("completed_at", run.completedAt());
        Long end = run.completedAt() != null ? run.completedAt() : null;
        view.put("duration_ms", run.startedAt() == null ? null
                : (end != null ? end : System.currentTimeMillis()) - run.startedAt());
        long done = steps.stream().filter(step -> step.status().wire().equals("completed")).count();
        long total = steps.stream().filter(step -> !step.status().wire().equals("skipped")).count();
        view.put("progress", Map.of("done", done, "total", total));
        view.put("input_tokens", usage.inputTokens());
        view.put("output_tokens", usage.outputTokens());
        view.put("total_tokens", usage.totalTokens());
        view.put("cost_total", usage.costTotal());
        view.put("llm_call_count", usage.calls());
        if (withSteps) {
            view.put("steps", steps.stream().map(RunViews::step).toList());
        }
        return view;
    }

    public static Map<String, Object> step(StepRecord step) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", step.runId() + "_" + step.stepId());
        view.put("run_id", step.runId());
        view.put("step_id", step.stepId());
        view.put("position", step.position());
        view.put("agent_id", step.agentId());
        view.put("status", step.status().wire());
        view.put("attempt", step.attempt() + 1);
        view.put("retry_count", step.attempt());
        view.put("max_retries", step.maxRetries());
        view.put("iterations", step.iterations());
        view.put("inputs", step.input() == null ? Map.of() : Map.of("input", step.input()));
        view.put("outputs", step.outputs());
        view.put("error", step.error());
        view.put("model_used", step.modelUsed());
        view.put("human_context", step.humanContext());
        view.put("started_at", step.startedAt());
        view.put("completed_at", step.completedAt());
        view.put("duration_ms", step.durationMs());
        view.put("truncated", step.truncated());
        return view;
    }
}
