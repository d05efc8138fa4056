package io.djinnbot.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.djinnbot.server.pipelines.Pipeline;
import io.djinnbot.server.pipelines.PipelineStep;
import io.djinnbot.server.pipelines.ResultAction;
import io.djinnbot.server.store.JsonColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides what a run does after a step: DjinnBot's routing (onResult, onComplete, loops) with the
 * loops and goto back-edges actually iterating, and a cap on how often one step may run for the
 * same loop item. Pure: it reads the pipeline and outputs and updates the given cursor only.
 */
public final class Router {
    private final Pipeline pipeline;
    private final CursorState state;
    private final int defaultMaxRetries;
    private final int maxVisits;
    private final List<ResultAction.Notify> notifications = new ArrayList<>();

    /** The outcome of routing. */
    public sealed interface Decision {
        /** Run this step next. */
        record Next(String stepId) implements Decision {
        }

        /** The run is complete. */
        record Complete() implements Decision {
        }

        /** The run cannot continue. */
        record Fail(String reason) implements Decision {
        }
    }

    public Router(Pipeline pipeline, CursorState state, int defaultMaxRetries, int defaultMaxVisits) {
        this.pipeline = pipeline;
        this.state = state;
        this.defaultMaxRetries = defaultMaxRetries;
        Integer fromPipeline = pipeline.defaults().maxIterations();
        this.maxVisits = fromPipeline != null && fromPipeline > 0 ? fromPipeline : defaultMaxVisits;
    }

    /** Messages that {@code notify} actions asked for while routing. */
    public List<ResultAction.Notify> notifications() {
        return List.copyOf(notifications);
    }

    /** Where a new run starts. */
    public Decision start(Map<String, String> runOutputs) {
        state.entered = true;
        return enter(pipeline.steps().getFirst().id(), runOutputs);
    }

    /** Where the run goes after {@code step} completed with {@code stepOutputs}. */
    public Decision afterStep(PipelineStep step, Map<String, String> stepOutputs, Map<String, String> runOutputs) {
        if (step.isLoop()) {
            if (step.loop().onEachComplete() != null) {
                return enter(step.loop().onEachComplete(), runOutputs);
            }
            return advanceLoop(step, runOutputs);
        }
        if (!step.onResult().isEmpty()) {
            ResultAction action = match(step, stepOutputs);
            if (action != null) {
                Decision decision = act(step, action, runOutputs);
                if (decision != null) {
                    return decision;
                }
            } else if (step.onComplete() == null && !isLast(step)) {
                return new Decision.Fail("step " + step.id() + " produced " + describe(stepOutputs)
                        + ", which matches none of its onResult values " + step.onResult().keySet());
            }
        }
        if (step.onComplete() != null) {
            return enter(step.onComplete(), runOutputs);
        }
        if (isLast(step)) {
            return new Decision.Complete();
        }
        return new Decision.Fail("step " + step.id() + " has no onComplete and is not the last step");
    }

    private Decision act(PipelineStep step, ResultAction action, Map<String, String> runOutputs) {
        if (action.notification() != null) {
            notifications.add(action.notification());
        }
        if (action.gotoStep() != null) {
            return enter(action.gotoStep(), runOutputs);
        }
        if (action.retry()) {
            int used = state.resultRetries.merge(step.id(), 1, Integer::sum);
            int limit = firstNonNull(action.maxRetries(), step.maxRetries(), pipeline.defaults().maxRetries(),
                    defaultMaxRetries);
            if (used > limit) {
                return new Decision.Fail("max retries exceeded for step " + step.id() + " (" + limit
                        + " result retries)");
            }
            return enter(step.id(), runOutputs);
        }
        if (action.continueLoop()) {
            Map.Entry<String, CursorState.LoopState> active = state.activeLoop();
            if (active == null) {
                return new Decision.Fail("step " + step.id() + " asked to continue a loop, but no loop is active");
            }
            return advanceLoop(pipeline.step(active.getKey()).orElseThrow(), runOutputs);
        }
        return null;
    }

    private Decision advanceLoop(PipelineStep loopStep, Map<String, String> runOutputs) {
        CursorState.LoopState loop = state.loops.get(loopStep.id());
        if (loop == null) {
            return new Decision.Fail("loop of step " + loopStep.id() + " was never started");
        }
        String item = loop.currentItem();
        if (item != null) {
            loop.completed.add(item);
        }
        loop.index++;
        if (loop.index < loop.items.size()) {
            return new Decision.Next(loopStep.id());
        }
        loop.done = true;
        return afterLoop(loopStep, runOutputs);
    }

    private Decision afterLoop(PipelineStep loopStep, Map<String, String> runOutputs) {
        String next = loopStep.loop().onAllComplete() != null ? loopStep.loop().onAllComplete() : loopStep.onComplete();
        if (next != null) {
            return enter(next, runOutputs);
        }
        return new Decision.Complete();
    }

    private Decision enter(String stepId, Map<String, String> runOutputs) {
        PipelineStep step = pipeline.step(stepId).orElse(null);
        if (step == null) {
            return new Decision.Fail("step " + stepId + " does not exist in pipeline " + pipeline.id());
        }
        if (step.isLoop()) {
            CursorState.LoopState loop = state.loops.get(stepId);
            if (loop == null || loop.done) {
                Decision failure = startLoop(step, runOutputs);
                if (failure != null) {
                    return failure;
                }
                loop = state.loops.get(stepId);
                if (loop.items.isEmpty()) {
                    loop.done = true;
                    return afterLoop(step, runOutputs);
                }
            }
        }
        String key = visitKey(stepId);
        int visits = state.visits.merge(key, 1, Integer::sum);
        if (visits > maxVisits) {
            return new Decision.Fail("step " + stepId + " reached the iteration cap of " + maxVisits
                    + " runs" + (key.equals(stepId) ? "" : " for the same loop item")
                    + " (a goto back-edge kept returning to it)");
        }
        return new Decision.Next(stepId);
    }

    private Decision startLoop(PipelineStep step, Map<String, String> runOutputs) {
        String over = step.loop().over();
        String raw = runOutputs.get(over);
        if (raw == null || raw.isBlank()) {
            return new Decision.Fail("step " + step.id() + " loops over output '" + over
                    + "', which no earlier step produced");
        }
        JsonNode array;
        try {
            array = JsonColumns.mapper().readTree(extractJsonArray(raw));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            array = null;
        }
        if (array == null || !array.isArray()) {
            return new Decision.Fail("step " + step.id() + " loops over output '" + over
                    + "', which is not a JSON array: " + abbreviate(raw));
        }
        CursorState.LoopState loop = new CursorState.LoopState();
        for (JsonNode node : array) {
            loop.items.add(node.isTextual() ? node.asText() : node.toString());
        }
        state.loops.remove(step.id());
        state.loops.put(step.id(), loop);
        return null;
    }

    private String visitKey(String stepId) {
        Map.Entry<String, CursorState.LoopState> active = state.activeLoop();
        return active == null ? stepId : stepId + "#" + active.getKey() + ":" + active.getValue().index;
    }

    private ResultAction match(PipelineStep step, Map<String, String> outputs) {
        for (String value : outputs.values()) {
            if (value == null) {
                continue;
            }
            String trimmed = value.trim();
            for (Map.Entry<String, ResultAction> entry : step.onResult().entrySet()) {
                if (trimmed.equals(entry.getKey())
                        || trimmed.toUpperCase(Locale.ROOT).equals(entry.getKey().toUpperCase(Locale.ROOT))) {
                    return entry.getValue();
                }
            }
        }
        return null;
    }

    private boolean isLast(PipelineStep step) {
        return pipeline.steps().getLast().id().equals(step.id());
    }

    /** Models often wrap a JSON array in a code fence or a sentence; take the outermost brackets. */
    static String extractJsonArray(String raw) {
        String text = raw.trim();
        int start = text.indexOf('[');
        int end = text.lastIndexOf(']');
        if (start >= 0 && end > start) {
            return text.substring(start, end + 1);
        }
        return text;
    }

    private static String describe(Map<String, String> outputs) {
        if (outputs.isEmpty()) {
            return "no outputs";
        }
        List<String> parts = new ArrayList<>();
        outputs.forEach((key, value) -> parts.add(key + "=" + abbreviate(value)));
        return String.join(", ", parts);
    }

    private static String abbreviate(String value) {
        String flat = value == null ? "" : value.replaceAll("\\s+", " ").trim();
        return flat.length() <= 60 ? "'" + flat + "'" : "'" + flat.substring(0, 57) + "...'";
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
