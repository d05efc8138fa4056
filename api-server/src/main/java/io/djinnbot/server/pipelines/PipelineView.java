package io.djinnbot.server.pipelines;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of a pipeline on the wire: snake_case keys, every key present, null when not given.
 */
public final class PipelineView {
    private PipelineView() {
    }

    public static Map<String, Object> of(Pipeline pipeline, boolean builtIn) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", pipeline.id());
        view.put("name", pipeline.name());
        view.put("description", pipeline.description());
        view.put("version", pipeline.version());
        view.put("file", pipeline.file());
        view.put("built_in", builtIn);
        view.put("defaults", defaults(pipeline.defaults()));
        view.put("agents", pipeline.agents().stream().map(PipelineView::agent).toList());
        view.put("steps", pipeline.steps().stream().map(PipelineView::step).toList());
        return view;
    }

    /** Problems as {@code [{path, message}]}. */
    public static List<Map<String, String>> problems(List<Problem> problems) {
        return problems.stream()
                .map(problem -> {
                    Map<String, String> entry = new LinkedHashMap<>();
                    entry.put("path", problem.path());
                    entry.put("message", problem.message());
                    return entry;
                })
                .toList();
    }

    private static Map<String, Object> defaults(PipelineDefaults defaults) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("model", defaults.model());
        view.put("tools", defaults.tools());
        view.put("max_retries", defaults.maxRetries());
        view.put("timeout_seconds", defaults.timeoutSeconds());
        view.put("max_turns", defaults.maxTurns());
        view.put("max_iterations", defaults.maxIterations());
        return view;
    }

    private static Map<String, Object> agent(PipelineAgent agent) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", agent.id());
        view.put("name", agent.name());
        view.put("persona", agent.persona());
        view.put("model", agent.model());
        view.put("tools", agent.tools());
        view.put("thinking_level", agent.thinkingLevel());
        return view;
    }

    private static Map<String, Object> step(PipelineStep step) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", step.id());
        view.put("agent", step.agent());
        view.put("description", step.description());
        view.put("type", step.type());
        view.put("model", step.model());
        view.put("input", step.input());
        view.put("outputs", step.outputs());
        view.put("on_complete", step.onComplete());
        Map<String, Object> onResult = new LinkedHashMap<>();
        step.onResult().forEach((value, action) -> onResult.put(value, action(action)));
        view.put("on_result", onResult);
        view.put("loop", step.loop() == null ? null : loop(step.loop()));
        view.put("max_retries", step.maxRetries());
        view.put("timeout_seconds", step.timeoutSeconds());
        view.put("max_turns", step.maxTurns());
        return view;
    }

    private static Map<String, Object> action(ResultAction action) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("goto", action.gotoStep());
        view.put("retry", action.retry());
        view.put("max_retries", action.maxRetries());
        view.put("continue_loop", action.continueLoop());
        if (action.notification() == null) {
            view.put("notify", null);
        } else {
            Map<String, Object> notify = new LinkedHashMap<>();
            notify.put("agent", action.notification().agent());
            notify.put("message", action.notification().message());
            view.put("notify", notify);
        }
        return view;
    }

    private static Map<String, Object> loop(LoopSpec loop) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("over", loop.over());
        view.put("on_each_complete", loop.onEachComplete());
        view.put("on_all_complete", loop.onAllComplete());
        return view;
    }
}
