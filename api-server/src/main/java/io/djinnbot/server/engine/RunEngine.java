package io.djinnbot.server.engine;

import io.djinnbot.model.EventType;
import io.djinnbot.model.RunStatus;
import io.djinnbot.model.StepStatus;
import io.djinnbot.server.agents.AgentDefinition;
import io.djinnbot.server.agents.AgentRegistry;
import io.djinnbot.server.agents.AgentRuntime;
import io.djinnbot.server.agents.PersonaBuilder;
import io.djinnbot.server.agents.StepEvents;
import io.djinnbot.server.agents.StepExecution;
import io.djinnbot.server.agents.StepOutcome;
import io.djinnbot.server.events.EventStore;
import io.djinnbot.server.llm.LlmCallRecord;
import io.djinnbot.server.pipelines.Pipeline;
import io.djinnbot.server.pipelines.PipelineAgent;
import io.djinnbot.server.pipelines.PipelineRegistry;
import io.djinnbot.server.pipelines.PipelineStep;
import io.djinnbot.server.pipelines.ResultAction;
import io.djinnbot.server.pipelines.Templates;
import io.djinnbot.server.runs.RunDao;
import io.djinnbot.server.runs.RunRecord;
import io.djinnbot.server.runs.StepRecord;
import io.djinnbot.server.store.Database;
import io.djinnbot.server.store.Ids;
import io.djinnbot.server.store.JsonColumns;
import io.dropwizard.lifecycle.Managed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Executes runs: one virtual thread per run, its steps in order, many runs at once. Every state
 * change is a short SQLite transaction guarded by compare-and-set on the run's status, so a
 * cancelled run is never overwritten by a late result, and every change is followed by its event.
 * A step's completion, its outputs and the routing decision commit together: after a crash the run
 * resumes at the step that was interrupted and no completed step runs twice. Thread-safe.
 */
public final class RunEngine implements Managed {
    private static final Logger LOGGER = LoggerFactory.getLogger(RunEngine.class);
    private static final List<RunStatus> ACTIVE = List.of(RunStatus.PENDING, RunStatus.RUNNING, RunStatus.PAUSED);

    private final Database database;
    private final EventStore events;
    private final PipelineRegistry pipelines;
    private final AgentRegistry agents;
    private final AgentRuntime runtime;
    private final EngineSettings settings;
    private final Map<String, RunHandle> active = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon(true).name("step-timer").factory());
    private volatile boolean stopping;

    public RunEngine(Database database, EventStore events, PipelineRegistry pipelines, AgentRegistry agents,
                     AgentRuntime runtime, EngineSettings settings) {
        this.database = database;
        this.events = events;
        this.pipelines = pipelines;
        this.agents = agents;
        this.runtime = runtime;
        this.settings = settings;
    }

    /** Sweeps runs that a previous process left unfinished, then accepts work. */
    @Override
    public void start() {
        stopping = false;
        List<RunRecord> unfinished = database.read(handle -> RunDao.runsWithStatus(handle,
                List.of(RunStatus.PENDING.wire(), RunStatus.RUNNING.wire())));
        for (RunRecord run : unfinished) {
            if (run.status() == RunStatus.PENDING || settings.resumeOnStartup()) {
                resumeAfterRestart(run);
            } else {
                failInterrupted(run);
            }
        }
    }

    @Override
    public void stop() throws InterruptedException {
        stopping = true;
        for (RunHandle handle : active.values()) {
            handle.stop(CancelToken.Reason.SHUTDOWN);
        }
        long deadline = System.currentTimeMillis() + 5_000;
        for (RunHandle handle : active.values()) {
            long left = deadline - System.currentTimeMillis();
            if (left > 0 && handle.thread != null) {
                handle.thread.join(left);
            }
        }
        timers.shutdownNow();
    }

    /** Starts executing a run unless it is already executing here. */
    public void start(String runId) {
        if (stopping) {
            return;
        }
        RunHandle handle = new RunHandle();
        if (active.putIfAbsent(runId, handle) != null) {
            return;
        }
        handle.thread = Thread.ofVirtual().name("run-" + runId).unstarted(() -> {
            try {
                execute(runId, handle);
            } finally {
                active.remove(runId, handle);
            }
        });
        handle.thread.start();
    }

    /** Whether a run is executing in this process. */
    public boolean isExecuting(String runId) {
        return active.containsKey(runId);
    }

    /** The streamed text of a step that is running now, if it is. */
    public Optional<String[]> liveText(String runId, String stepId) {
        RunHandle handle = active.get(runId);
        if (handle == null || !stepId.equals(handle.stepId)) {
            return Optional.empty();
        }
        synchronized (handle.output) {
            return Optional.of(new String[] {handle.output.toString(), handle.thinking.toString()});
        }
    }

    /**
     * Cancels an active run: the status flips to {@code cancelled} at once (compare-and-set), the
     * in-flight model call and tool process are aborted, and nothing the agent still returns is kept.
     *
     * @return false when the run was not active (finished or unknown)
     */
    public boolean cancel(String runId, String reason) {
        List<StepRecord> interrupted = new ArrayList<>();
        boolean changed = database.write(handle -> {
            boolean flipped = RunDao.compareAndSetStatus(handle, runId, ACTIVE, RunStatus.CANCELLED, reason,
                    System.currentTimeMillis());
            if (flipped) {
                for (StepRecord step : RunDao.steps(handle, runId)) {
                    if (step.status() == StepStatus.RUNNING || step.status() == StepStatus.QUEUED
                            || step.status() == StepStatus.RETRYING) {
                        RunDao.updateStep(handle, runId, step.stepId(), StepStatus.CANCELLED,
                                ", error = :error, completed_at = :now",
                                update -> update.bind("error", reason).bind("now", System.currentTimeMillis()));
                        interrupted.add(step);
                    }
                }
            }
            return flipped;
        });
        if (!changed) {
            return false;
        }
        RunHandle handle = active.get(runId);
        if (handle != null) {
            handle.stop(CancelToken.Reason.CANCELLED);
        }
        for (StepRecord step : interrupted) {
            publish(EventType.STEP_CANCELLED, runId, fields("step_id", step.stepId(), "agent_id", step.agentId(),
                    "error", reason, "reason", reason, "attempt", step.attempt(), "will_retry", false));
        }
        publish(EventType.RUN_CANCELLED, runId, fields("reason", reason));
        LOGGER.info("run cancelled run_id={}", runId);
        return true;
    }

    private void resumeAfterRestart(RunRecord run) {
        database.writeVoid(handle -> handle.createUpdate("""
                UPDATE steps SET status = 'queued' WHERE run_id = :run AND status IN ('running', 'retrying')""")
                .bind("run", run.id())
                .execute());
        if (run.status() == RunStatus.RUNNING) {
            publish("run_resumed", run.id(), fields("step_id", run.currentStepId()));
            LOGGER.info("run resumed after restart run_id={} step_id={}", run.id(), run.currentStepId());
        }
        start(run.id());
    }

    private void failInterrupted(RunRecord run) {
        String reason = "the server stopped while the run was in progress; restart the run to continue";
        boolean failed = database.write(handle -> {
            boolean flipped = RunDao.compareAndSetStatus(handle, run.id(), ACTIVE, RunStatus.FAILED, reason,
                    System.currentTimeMillis());
            if (flipped) {
                handle.createUpdate("""
                        UPDATE steps SET status = 'failed', error = :error
                        WHERE run_id = :run AND status IN ('running', 'queued', 'retrying')""")
                        .bind("error", reason)
                        .bind("run", run.id())
                        .execute();
            }
            return flipped;
        });
        if (failed) {
            publish(EventType.RUN_FAILED, run.id(), fields("error", reason));
        }
    }

    private void execute(String runId, RunHandle handle) {
        MDC.put("run_id", runId);
        try {
            runSteps(runId, handle);
        } catch (RuntimeException e) {
            LOGGER.error("run crashed run_id={}", runId, e);
            finishFailed(runId, "internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            MDC.remove("run_id");
        }
    }

    private void runSteps(String runId, RunHandle handle) {
        RunRecord run = database.read(h -> RunDao.findRun(h, runId)).orElse(null);
        if (run == null || run.status().isTerminal()) {
            return;
        }
        Pipeline pipeline = pipelines.find(run.pipelineId()).orElse(null);
        if (pipeline == null) {
            finishFailed(runId, "pipeline '" + run.pipelineId() + "' no longer exists");
            return;
        }
        boolean started = database.write(h -> {
            boolean flipped = RunDao.compareAndSetStatus(h, runId, List.of(RunStatus.PENDING), RunStatus.RUNNING,
                    null, null);
            h.createUpdate("UPDATE runs SET started_at = COALESCE(started_at, :now) WHERE id = :id")
                    .bind("now", System.currentTimeMillis()).bind("id", runId).execute();
            return flipped || RunDao.findRun(h, runId).map(r -> r.status() == RunStatus.RUNNING).orElse(false);
        });
        if (!started) {
            return;
        }
        CursorState state = CursorState.read(run.cursorState());
        Map<String, String> outputs = new LinkedHashMap<>(run.outputs());
        String stepId = run.currentStepId();
        if (!state.entered) {
            Router router = router(pipeline, state);
            Router.Decision decision = router.start(outputs);
            if (!(decision instanceof Router.Decision.Next next)) {
                finish(runId, decision, outputs, state);
                return;
            }
            stepId = next.stepId();
            String first = stepId;
            database.writeVoid(h -> h.createUpdate(
                    "UPDATE runs SET current_step_id = :step, cursor_state = :state WHERE id = :id")
                    .bind("step", first).bind("state", state.write()).bind("id", runId).execute());
        }
        while (!handle.isStopped()) {
            PipelineStep step = pipeline.step(stepId).orElse(null);
            if (step == null) {
                finishFailed(runId, "step " + stepId + " is not in pipeline " + pipeline.id() + " any more");
                return;
            }
            StepOutcome outcome = runStep(run, pipeline, step, state, outputs, handle);
            if (outcome == null || handle.isStopped()) {
                return;
            }
            if (!outcome.success()) {
                finishFailed(runId, "step " + step.id() + " failed: " + outcome.error());
                return;
            }
            Map<String, String> merged = new LinkedHashMap<>(outputs);
            outcome.outputs().forEach((key, value) -> {
                if (value != null && !value.isBlank()) {
                    merged.put(key, value);
                }
            });
            Router router = router(pipeline, state);
            Router.Decision decision = router.afterStep(step, outcome.outputs(), merged);
            if (!commitStep(runId, step, outcome, merged, state, decision, handle)) {
                return;
            }
            outputs = merged;
            for (ResultAction.Notify note : router.notifications()) {
                publish(EventType.AGENT_MESSAGE, runId, fields("step_id", step.id(), "from", step.agent(),
                        "to", note.agent(), "message", note.message(), "thread_id", runId + "_notification"));
            }
            if (decision instanceof Router.Decision.Next next) {
                stepId = next.stepId();
            } else {
                announceFinish(runId, decision, merged);
                return;
            }
        }
    }

    private Router router(Pipeline pipeline, CursorState state) {
        return new Router(pipeline, state, settings.defaultMaxRetries(), settings.maxStepVisits());
    }

    private StepOutcome runStep(RunRecord run, Pipeline pipeline, PipelineStep step, CursorState state,
                                Map<String, String> outputs, RunHandle handle) {
        String runId = run.id();
        PipelineAgent pipelineAgent = pipeline.agent(step.agent()).orElse(null);
        AgentDefinition agent = agents.find(step.agent()).orElse(null);
        int maxRetries = firstNonNull(step.maxRetries(), pipeline.defaults().maxRetries(),
                settings.defaultMaxRetries());
        int timeoutSeconds = firstNonNull(step.timeoutSeconds(), pipeline.defaults().timeoutSeconds(),
                settings.defaultTimeoutSeconds());
        int maxTurns = firstNonNull(step.maxTurns(), pipeline.defaults().maxTurns(), settings.defaultMaxTurns());
        String model = resolveModel(run, step, pipelineAgent, pipeline, agent);
        String thinkingLevel = pipelineAgent != null && pipelineAgent.thinkingLevel() != null
                ? pipelineAgent.thinkingLevel()
                : agent != null ? agent.thinkingLevel() : null;
        Map.Entry<String, CursorState.LoopState> loop = step.isLoop()
                ? Map.entry(step.id(), state.loops.get(step.id()))
                : state.activeLoop();
        Map<String, String> variables = variables(run, outputs, loop);
        String input = Templates.render(step.input(), variables);
        String systemPrompt = PersonaBuilder.systemPrompt(agent, pipelineAgent, step.outputs(), runId);
        List<String> choices = new ArrayList<>(step.onResult().keySet());
        String loopItem = loop == null || loop.getValue() == null ? null : loop.getValue().currentItem();
        Path workspace = Path.of(run.workspace());

        StepRecord existing = database.read(h -> RunDao.step(h, runId, step.id())).orElseThrow();
        boolean resuming = existing.status() == StepStatus.QUEUED || existing.status() == StepStatus.RETRYING;
        int attempt = resuming ? existing.attempt() : 0;
        String lastError = resuming ? existing.error() : null;
        publish(EventType.STEP_QUEUED, runId, fields("step_id", step.id(), "agent_id", step.agent(),
                "attempt", attempt + 1));
        while (true) {
            if (handle.isStopped()) {
                return null;
            }
            int thisAttempt = attempt;
            long startedAt = System.currentTimeMillis();
            boolean marked = database.write(h -> {
                if (!isRunning(h, runId)) {
                    return false;
                }
                RunDao.updateStep(h, runId, step.id(), StepStatus.RUNNING, """
                        , attempt = :attempt, max_retries = :max, input = :input, model_used = :model,
                        started_at = :now, completed_at = NULL, duration_ms = NULL, error = NULL,
                        output_text = '', thinking_text = '', truncated = 0""",
                        update -> update.bind("attempt", thisAttempt).bind("max", maxRetries).bind("input", input)
                                .bind("model", model).bind("now", startedAt));
                h.createUpdate("UPDATE runs SET current_step_id = :step, updated_at = :now WHERE id = :id")
                        .bind("step", step.id()).bind("now", startedAt).bind("id", runId).execute();
                return true;
            });
            if (!marked) {
                return null;
            }
            handle.beginStep(step.id());
            publish(EventType.STEP_STARTED, runId, fields("step_id", step.id(), "agent_id", step.agent(),
                    "attempt", attempt + 1, "model", model, "loop_item", loopItem));
            String prompt = lastError == null ? input
                    : input + "\n\n[RETRY " + attempt + "/" + maxRetries + "] The previous attempt failed: "
                            + lastError;
            CancelToken token = new CancelToken();
            StepExecution execution = new StepExecution(runId, step.id(), step.agent(), model, systemPrompt, prompt,
                    run.taskDescription(), step.outputs(), choices, outputs, loopItem, workspace, maxTurns,
                    thinkingLevel, token, new BoundStepEvents(runId, step.id(), step.agent(), handle));
            StepOutcome outcome = attemptStep(execution, token, timeoutSeconds, handle);
            if (outcome == null || handle.isStopped()) {
                return null;
            }
            long duration = System.currentTimeMillis() - startedAt;
            if (outcome.success()) {
                handle.completedDuration = duration;
                return outcome;
            }
            boolean willRetry = attempt < maxRetries && outcome.retryable();
            StepStatus status = willRetry ? StepStatus.RETRYING : StepStatus.FAILED;
            String error = outcome.error() == null ? "the agent failed without a reason" : outcome.error();
            boolean recorded = database.write(h -> {
                if (!isRunning(h, runId)) {
                    return false;
                }
                RunDao.updateStep(h, runId, step.id(), status, """
                        , error = :error, output_text = :text, thinking_text = :thinking, duration_ms = :duration,
                        completed_at = :completed""",
                        update -> update.bind("error", error).bind("text", outcome.outputText())
                                .bind("thinking", outcome.thinking()).bind("duration", duration)
                                .bind("completed", willRetry ? null : System.currentTimeMillis()));
                return true;
            });
            if (!recorded) {
                return null;
            }
            publish(willRetry ? EventType.STEP_RETRYING : EventType.STEP_FAILED, runId, fields("step_id", step.id(),
                    "agent_id", step.agent(), "error", error, "attempt", attempt + 1, "will_retry", willRetry,
                    "duration_ms", duration));
            LOGGER.info("step attempt failed step_id={} attempt={} will_retry={}", step.id(), attempt + 1, willRetry);
            if (!willRetry) {
                return outcome;
            }
            lastError = error;
            attempt++;
        }
    }

    private StepOutcome attemptStep(StepExecution execution, CancelToken token, int timeoutSeconds,
                                    RunHandle handle) {
        ScheduledFuture<?> timeout = timers.schedule(() -> handle.interruptAgent(token, CancelToken.Reason.TIMEOUT),
                timeoutSeconds, TimeUnit.SECONDS);
        handle.enterAgent(token);
        try {
            return runtime.execute(execution);
        } catch (InterruptedException e) {
            if (token.reason() == CancelToken.Reason.TIMEOUT && !handle.isStopped()) {
                return timedOut(execution, handle, timeoutSeconds);
            }
            return null;
        } catch (RuntimeException e) {
            LOGGER.error("agent runtime error step_id={}", execution.stepId(), e);
            return failed(handle, "internal error in the agent runtime: " + e.getClass().getSimpleName());
        } finally {
            timeout.cancel(false);
            handle.leaveAgent();
        }
    }

    private StepOutcome timedOut(StepExecution execution, RunHandle handle, int timeoutSeconds) {
        LOGGER.info("step timed out step_id={} timeout_s={}", execution.stepId(), timeoutSeconds);
        return failed(handle, "step timed out after " + timeoutSeconds + "s");
    }

    private static StepOutcome failed(RunHandle handle, String error) {
        String text;
        String thinking;
        synchronized (handle.output) {
            text = handle.output.toString();
            thinking = handle.thinking.toString();
        }
        return new StepOutcome(false, Map.of(), "", error, text, thinking, null);
    }

    private boolean commitStep(String runId, PipelineStep step, StepOutcome outcome, Map<String, String> merged,
                               CursorState state, Router.Decision decision, RunHandle handle) {
        long now = System.currentTimeMillis();
        String next = decision instanceof Router.Decision.Next n ? n.stepId() : null;
        boolean committed = database.write(h -> {
            if (!isRunning(h, runId)) {
                return false;
            }
            RunDao.updateStep(h, runId, step.id(), StepStatus.COMPLETED, """
                    , outputs = :outputs, output_text = :text, thinking_text = :thinking, error = NULL,
                    completed_at = :now, duration_ms = :duration, iterations = iterations + 1,
                    model_used = COALESCE(:model, model_used)""",
                    update -> update.bind("outputs", JsonColumns.write(outcome.outputs()))
                            .bind("text", outcome.outputText()).bind("thinking", outcome.thinking())
                            .bind("now", now).bind("duration", handle.completedDuration)
                            .bind("model", outcome.modelUsed()));
            h.createUpdate("""
                    UPDATE runs SET outputs = :outputs, cursor_state = :state, current_step_id = COALESCE(:next,
                        current_step_id), updated_at = :now WHERE id = :id""")
                    .bind("outputs", JsonColumns.write(merged)).bind("state", state.write()).bind("next", next)
                    .bind("now", now).bind("id", runId).execute();
            if (decision instanceof Router.Decision.Complete) {
                RunDao.compareAndSetStatus(h, runId, List.of(RunStatus.RUNNING), RunStatus.COMPLETED, null, now);
                h.createUpdate("UPDATE steps SET status = 'skipped' WHERE run_id = :run AND status = 'pending'")
                        .bind("run", runId).execute();
            } else if (decision instanceof Router.Decision.Fail fail) {
                RunDao.compareAndSetStatus(h, runId, List.of(RunStatus.RUNNING), RunStatus.FAILED, fail.reason(), now);
            }
            return true;
        });
        if (committed) {
            publish(EventType.STEP_COMPLETE, runId, fields("step_id", step.id(), "agent_id", step.agent(),
                    "outputs", outcome.outputs(), "summary", outcome.summary(),
                    "duration_ms", handle.completedDuration));
            LOGGER.info("step completed step_id={} next={}", step.id(), next);
        }
        return committed;
    }

    private void finish(String runId, Router.Decision decision, Map<String, String> outputs, CursorState state) {
        long now = System.currentTimeMillis();
        boolean changed = database.write(h -> {
            h.createUpdate("UPDATE runs SET cursor_state = :state WHERE id = :id")
                    .bind("state", state.write()).bind("id", runId).execute();
            if (decision instanceof Router.Decision.Fail fail) {
                return RunDao.compareAndSetStatus(h, runId, List.of(RunStatus.RUNNING), RunStatus.FAILED,
                        fail.reason(), now);
            }
            return RunDao.compareAndSetStatus(h, runId, List.of(RunStatus.RUNNING), RunStatus.COMPLETED, null, now);
        });
        if (changed) {
            announceFinish(runId, decision, outputs);
        }
    }

    private void announceFinish(String runId, Router.Decision decision, Map<String, String> outputs) {
        if (decision instanceof Router.Decision.Fail fail) {
            publish(EventType.RUN_FAILED, runId, fields("error", fail.reason()));
            LOGGER.info("run failed run_id={} reason={}", runId, fail.reason());
        } else {
            publish(EventType.RUN_COMPLETE, runId, fields("outputs", outputs));
            LOGGER.info("run completed run_id={}", runId);
        }
    }

    private void finishFailed(String runId, String reason) {
        boolean changed = database.write(h -> RunDao.compareAndSetStatus(h, runId,
                List.of(RunStatus.PENDING, RunStatus.RUNNING), RunStatus.FAILED, reason, System.currentTimeMillis()));
        if (changed) {
            publish(EventType.RUN_FAILED, runId, fields("error", reason));
            LOGGER.info("run failed run_id={} reason={}", runId, reason);
        }
    }

    private static boolean isRunning(org.jdbi.v3.core.Handle handle, String runId) {
        return handle.createQuery("SELECT status FROM runs WHERE id = :id")
                .bind("id", runId)
                .mapTo(String.class)
                .findOne()
                .map(RunStatus.RUNNING.wire()::equals)
                .orElse(false);
    }

    private String resolveModel(RunRecord run, PipelineStep step, PipelineAgent pipelineAgent, Pipeline pipeline,
                                AgentDefinition agent) {
        return firstNonBlank(run.modelOverride(), step.model(),
                pipelineAgent == null ? null : pipelineAgent.model(), pipeline.defaults().model(),
                agent == null ? null : agent.model(), storedDefaultModel(), settings.defaultModel());
    }

    /** The default working model chosen through {@code PUT /v1/settings}, if any. */
    private String storedDefaultModel() {
        return database.read(handle -> handle.createQuery(
                        "SELECT value FROM global_settings WHERE key = 'default_working_model'")
                .mapTo(String.class)
                .findOne()
                .orElse(null));
    }

    private static Map<String, String> variables(RunRecord run, Map<String, String> outputs,
                                                 Map.Entry<String, CursorState.LoopState> loop) {
        Map<String, String> variables = new LinkedHashMap<>(outputs);
        variables.put("task_description", run.taskDescription());
        variables.put("task", run.taskDescription());
        if (run.humanContext() != null) {
            variables.put("human_context", run.humanContext());
            contextFields(run.humanContext()).forEach(variables::putIfAbsent);
        }
        if (run.projectId() != null) {
            variables.put("project_id", run.projectId());
        }
        if (run.projectName() != null) {
            variables.put("project_name", run.projectName());
        }
        variables.put("run_id", run.id());
        if (loop != null && loop.getValue() != null) {
            CursorState.LoopState state = loop.getValue();
            String item = state.currentItem();
            variables.put("current_item", item == null ? "" : item);
            variables.put("completed_items", JsonColumns.write(state.completed));
            variables.put("loop_index", Integer.toString(state.index + 1));
            variables.put("loop_total", Integer.toString(state.items.size()));
            variables.putIfAbsent("progress_file", "");
        }
        return variables;
    }

    /** A human context that is a JSON object contributes its string fields as template variables. */
    public static Map<String, String> contextFields(String humanContext) {
        Map<String, String> fields = new LinkedHashMap<>();
        String trimmed = humanContext.trim();
        if (!trimmed.startsWith("{")) {
            return fields;
        }
        try {
            JsonColumns.mapper().readTree(trimmed).properties().forEach(entry -> {
                if (entry.getValue().isTextual()) {
                    fields.put(entry.getKey(), entry.getValue().asText());
                }
            });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // plain text that happens to start with a brace
        }
        return fields;
    }

    private long publish(String type, String runId, Map<String, Object> fields) {
        return events.publish(type, runId, fields);
    }

    private static Map<String, Object> fields(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static int firstNonNull(Integer first, Integer second, int fallback) {
        if (first != null) {
            return first;
        }
        return second != null ? second : fallback;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    /** Creates the run's workspace folder. */
    public Path prepareWorkspace(String runId) throws java.io.IOException {
        Path workspace = settings.workspacesDir().resolve(runId);
        Files.createDirectories(workspace);
        return workspace;
    }

    /** The engine's side of one executing run. */
    private static final class RunHandle {
        private final StringBuilder output = new StringBuilder();
        private final StringBuilder thinking = new StringBuilder();
        private volatile Thread thread;
        private volatile String stepId;
        private volatile boolean stopped;
        private volatile long completedDuration;
        private CancelToken token;
        private boolean inAgent;

        boolean isStopped() {
            return stopped;
        }

        void beginStep(String id) {
            synchronized (output) {
                output.setLength(0);
                thinking.setLength(0);
            }
            stepId = id;
        }

        synchronized void enterAgent(CancelToken current) {
            token = current;
            inAgent = true;
            if (stopped) {
                current.cancel(CancelToken.Reason.CANCELLED);
            }
        }

        synchronized void leaveAgent() {
            inAgent = false;
            token = null;
            Thread.interrupted();
        }

        synchronized void interruptAgent(CancelToken expected, CancelToken.Reason reason) {
            if (inAgent && token == expected) {
                token.cancel(reason);
                thread.interrupt();
            }
        }

        synchronized void stop(CancelToken.Reason reason) {
            stopped = true;
            if (inAgent && token != null) {
                token.cancel(reason);
                thread.interrupt();
            }
        }
    }

    /** Turns an agent's reports into events of one step. */
    private final class BoundStepEvents implements StepEvents {
        private final String runId;
        private final String stepId;
        private final String agentId;
        private final RunHandle handle;

        BoundStepEvents(String runId, String stepId, String agentId, RunHandle handle) {
            this.runId = runId;
            this.stepId = stepId;
            this.agentId = agentId;
            this.handle = handle;
        }

        @Override
        public void output(String chunk) {
            synchronized (handle.output) {
                handle.output.append(chunk);
            }
            publish(EventType.AGENT_OUTPUT, runId, fields("step_id", stepId, "agent_id", agentId, "chunk", chunk));
        }

        @Override
        public void thinking(String chunk) {
            synchronized (handle.output) {
                handle.thinking.append(chunk);
            }
            publish(EventType.AGENT_THINKING, runId, fields("step_id", stepId, "agent_id", agentId, "chunk", chunk));
        }

        @Override
        public void toolStart(String toolCallId, String toolName, String argsJson) {
            publish(EventType.TOOL_CALL_START, runId, fields("step_id", stepId, "agent_id", agentId,
                    "tool_call_id", toolCallId, "tool_name", toolName, "args", argsJson));
        }

        @Override
        public void toolEnd(String toolCallId, String toolName, String result, boolean isError, long durationMs) {
            publish(EventType.TOOL_CALL_END, runId, fields("step_id", stepId, "agent_id", agentId,
                    "tool_call_id", toolCallId, "tool_name", toolName, "result", result, "is_error", isError,
                    "duration_ms", durationMs));
        }

        @Override
        public void fileChanged(String path, String action, long size) {
            publish(EventType.FILE_CHANGED, runId, fields("step_id", stepId, "agent_id", agentId, "path", path,
                    "action", action, "size", size));
        }

        @Override
        public void llmCall(LlmCallRecord call) {
            String id = Ids.next("llmcall_");
            long now = System.currentTimeMillis();
            events.enqueueWrite(handle -> handle.createUpdate("""
                    INSERT INTO llm_calls (id, run_id, step_id, agent_id, provider, model, input_tokens, output_tokens,
                        cache_read_tokens, cache_write_tokens, total_tokens, cost_input, cost_output, cost_total,
                        cost_approximate, duration_ms, tool_call_count, has_thinking, stop_reason, truncated, error,
                        created_at, key_source, key_masked, attempt)
                    VALUES (:id, :run, :step, :agent, :provider, :model, :in, :out, :cacheRead, :cacheWrite, :total,
                        :costIn, :costOut, :costTotal, :approx, :duration, :tools, :thinking, :stop, :truncated,
                        :error, :now, :keySource, :keyMasked, :attempt)""")
                    .bind("id", id).bind("run", runId).bind("step", stepId).bind("agent", agentId)
                    .bind("provider", call.provider()).bind("model", call.model())
                    .bind("in", call.inputTokens()).bind("out", call.outputTokens())
                    .bind("cacheRead", call.cacheReadTokens()).bind("cacheWrite", call.cacheWriteTokens())
                    .bind("total", call.totalTokens()).bind("costIn", call.costInput())
                    .bind("costOut", call.costOutput()).bind("costTotal", call.costTotal())
                    .bind("approx", call.costApproximate()).bind("duration", call.durationMs())
                    .bind("tools", call.toolCallCount()).bind("thinking", call.hasThinking())
                    .bind("stop", call.stopReason()).bind("truncated", call.truncated()).bind("error", call.error())
                    .bind("now", now).bind("keySource", call.keySource()).bind("keyMasked", call.keyMasked())
                    .bind("attempt", call.attempt())
                    .execute());
            if (call.truncated()) {
                events.enqueueWrite(handle -> handle.createUpdate(
                                "UPDATE steps SET truncated = 1 WHERE run_id = :run AND step_id = :step")
                        .bind("run", runId).bind("step", stepId).execute());
            }
            Map<String, Object> payload = fields("llm_call_id", id, "step_id", stepId, "agent_id", agentId,
                    "provider", call.provider(), "model", call.model(), "input_tokens", call.inputTokens(),
                    "output_tokens", call.outputTokens(), "cache_read_tokens", call.cacheReadTokens(),
                    "cache_write_tokens", call.cacheWriteTokens(), "total_tokens", call.totalTokens(),
                    "cost_input", call.costInput(), "cost_output", call.costOutput(), "cost_total", call.costTotal(),
                    "cost_approximate", call.costApproximate(), "duration_ms", call.durationMs(),
                    "tool_call_count", call.toolCallCount(), "has_thinking", call.hasThinking(),
                    "stop_reason", call.stopReason(), "truncated", call.truncated(), "error", call.error(),
                    "created_at", now, "key_source", call.keySource(), "key_masked", call.keyMasked(),
                    "attempt", call.attempt());
            publish(EventType.LLM_CALL, runId, payload);
        }
    }
}
