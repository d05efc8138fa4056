package io.djinnbot.console.rundetail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import io.djinnbot.console.app.EventHub;
import io.djinnbot.console.app.Messages;
import io.djinnbot.console.app.TaskRunner;
import io.djinnbot.console.client.DjinnBotClient;
import io.djinnbot.console.client.EventStream;
import io.djinnbot.console.client.ServerEvent;
import io.djinnbot.console.runs.RunEvents;
import io.djinnbot.model.EventType;
import io.djinnbot.model.LlmCall;
import io.djinnbot.model.Run;
import io.djinnbot.model.RunStep;
import io.djinnbot.model.WorkspaceFile;
import io.djinnbot.model.WorkspaceFileContent;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run: its step timeline, the selected step's output and thinking, tool calls, files and model calls. The
 * state is rebuilt from the run's own event history (replayed from the start, then live), so a run opened while
 * pending goes live by itself and a dropped stream resumes without a gap.
 */
public final class RunDetailViewModel {
    private static final Logger LOGGER = LoggerFactory.getLogger(RunDetailViewModel.class);

    private final DjinnBotClient client;
    private final TaskRunner tasks;
    private final BiFunction<String, Consumer<List<ServerEvent>>, AutoCloseable> streamOpener;
    private final ReadOnlyObjectWrapper<Run> run = new ReadOnlyObjectWrapper<>(this, "run");
    private final ObservableList<StepState> steps = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper selectedStep = new ReadOnlyStringWrapper(this, "selectedStep");
    private final ReadOnlyStringWrapper output = new ReadOnlyStringWrapper(this, "output", "");
    private final ReadOnlyStringWrapper thinking = new ReadOnlyStringWrapper(this, "thinking", "");
    private final ObservableList<ToolCallItem> toolCalls = FXCollections.observableArrayList();
    private final ObservableList<FileItem> files = FXCollections.observableArrayList();
    private final ObservableList<LlmCall> llmCalls = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final Map<String, StringBuilder> outputs = new HashMap<>();
    private final Map<String, StringBuilder> thoughts = new HashMap<>();
    /** How often each step started according to the events; once known it outranks the snapshot's count. */
    private final Map<String, Integer> starts = new HashMap<>();
    private final Map<String, String> loopItems = new HashMap<>();
    private String runId;
    private AutoCloseable stream;

    /**
     * @param streamOpener opens the event stream of a run (from its first event) and returns its closer
     */
    public RunDetailViewModel(DjinnBotClient client, TaskRunner tasks,
                              BiFunction<String, Consumer<List<ServerEvent>>, AutoCloseable> streamOpener) {
        this.client = client;
        this.tasks = tasks;
        this.streamOpener = streamOpener;
    }

    /** The default stream opener: a run-filtered {@link EventStream} replayed from event 0, batched by a hub. */
    public static BiFunction<String, Consumer<List<ServerEvent>>, AutoCloseable> streamsOf(DjinnBotClient client,
            TaskRunner tasks) {
        return (id, consumer) -> {
            EventHub hub = new EventHub(tasks.uiThread());
            hub.subscribe(consumer);
            EventStream eventStream = new EventStream(client, id, 0, hub);
            eventStream.start();
            return eventStream;
        };
    }

    // Properties

    /** The run's summary, null before the first load. */
    public ReadOnlyObjectProperty<Run> runProperty() {
        return run.getReadOnlyProperty();
    }

    /** The steps in pipeline order, then in the order they first appeared. */
    public ObservableList<StepState> steps() {
        return FXCollections.unmodifiableObservableList(steps);
    }

    /** The step whose output is shown. */
    public ReadOnlyStringProperty selectedStepProperty() {
        return selectedStep.getReadOnlyProperty();
    }

    /** The selected step's output so far. */
    public ReadOnlyStringProperty outputProperty() {
        return output.getReadOnlyProperty();
    }

    /** The selected step's thinking so far. */
    public ReadOnlyStringProperty thinkingProperty() {
        return thinking.getReadOnlyProperty();
    }

    /** Every tool call of the run, in start order. */
    public ObservableList<ToolCallItem> toolCalls() {
        return FXCollections.unmodifiableObservableList(toolCalls);
    }

    /** The files written in the workspace, one row per path. */
    public ObservableList<FileItem> files() {
        return FXCollections.unmodifiableObservableList(files);
    }

    /** The run's model calls with tokens and cost. */
    public ObservableList<LlmCall> llmCalls() {
        return FXCollections.unmodifiableObservableList(llmCalls);
    }

    /** Whether a command is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The last problem or confirmation, in a sentence. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    // Commands

    /** Shows a run: loads its summary and opens its event history. */
    public void open(String id) {
        close();
        runId = id;
        run.set(null);
        steps.clear();
        toolCalls.clear();
        files.clear();
        llmCalls.clear();
        outputs.clear();
        thoughts.clear();
        starts.clear();
        loopItems.clear();
        selectedStep.set(null);
        output.set("");
        thinking.set("");
        message.set("");
        stream = streamOpener.apply(id, this::apply);
        reload();
        loadFiles();
    }

    /** Reads the run summary again. */
    public void reload() {
        String id = runId;
        if (id == null) {
            return;
        }
        busy.set(true);
        tasks.submit(() -> client.run(id), loaded -> {
            busy.set(false);
            if (id.equals(runId)) {
                snapshot(loaded);
            }
        }, failure -> {
            busy.set(false);
            LOGGER.warn("run not loaded runId={}", id, failure);
            message.set(Messages.failure("load the run", failure));
        });
    }

    /** Stops following the run. */
    public void close() {
        if (stream != null) {
            try {
                stream.close();
            } catch (Exception e) {
                LOGGER.debug("run stream close failed runId={}", runId, e);
            }
            stream = null;
        }
    }

    /** Shows the output of another step. */
    public void selectStep(String stepId) {
        selectedStep.set(stepId);
        output.set(text(outputs, stepId));
        thinking.set(text(thoughts, stepId));
    }

    /** Asks the server to cancel the run. */
    public void cancel() {
        Run current = run.get();
        if (current == null || current.runStatus().isTerminal()) {
            message.set("The run has already finished.");
            return;
        }
        command(() -> client.cancelRun(current.id()), "Cancel requested.", "cancel the run");
    }

    /** Starts the run again on the same workspace, with optional extra context. */
    public void restart(String context) {
        Run current = run.get();
        if (current == null) {
            return;
        }
        command(() -> client.restartRun(current.id(), context), "Restart requested.", "restart the run");
    }

    /** Starts a new run with the same pipeline, task, context and model; hands its id to {@code onStarted}. */
    public void runAgain(Consumer<String> onStarted) {
        Run current = run.get();
        if (current == null) {
            return;
        }
        busy.set(true);
        tasks.submit(() -> client.startRun(current.pipelineId(), current.task(), current.humanContext(),
                current.modelOverride()), started -> {
                    busy.set(false);
                    onStarted.accept(started.id());
                }, failure -> {
                    busy.set(false);
                    LOGGER.warn("run not started again runId={}", current.id(), failure);
                    message.set(Messages.failure("start the run again", failure));
                });
    }

    /** Reads the workspace's file list from the server; the events keep it current afterwards. */
    public void loadFiles() {
        String id = runId;
        if (id == null) {
            return;
        }
        tasks.submit(() -> client.runFiles(id), listed -> {
            if (id.equals(runId)) {
                mergeFiles(listed);
            }
        }, failure -> {
            LOGGER.warn("workspace files not listed runId={}", id, failure);
            message.set(Messages.failure("list the workspace files", failure));
        });
    }

    /** Reads a workspace file from the server and hands its text (or why it cannot be shown) to {@code onRead}. */
    public void readFile(FileItem file, Consumer<String> onRead) {
        String id = runId;
        if (id == null) {
            return;
        }
        tasks.submit(() -> client.runFile(id, file.path()), read -> onRead.accept(describe(read)), failure -> {
            LOGGER.warn("workspace file not read runId={} path={}", id, file.path(), failure);
            message.set(Messages.failure("open " + file.path(), failure));
        });
    }

    private static String describe(WorkspaceFileContent read) {
        if (read.binary() || read.content() == null) {
            return read.path() + " is a binary file (" + read.size() + " bytes); it cannot be shown as text.";
        }
        return read.truncated()
                ? read.content() + "\n\n[only the start is shown: the file has " + read.size() + " bytes]"
                : read.content();
    }

    private void changeFile(FileItem changed) {
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).path().equals(changed.path())) {
                files.set(i, changed);
                return;
            }
        }
        files.add(changed);
    }

    private void mergeFiles(List<WorkspaceFile> listed) {
        Map<String, FileItem> byPath = new LinkedHashMap<>();
        for (WorkspaceFile file : listed) {
            byPath.put(file.path(), new FileItem(file.path(), "", file.size(), null));
        }
        for (FileItem seen : files) {
            FileItem fromList = byPath.get(seen.path());
            byPath.put(seen.path(), fromList == null ? seen
                    : new FileItem(seen.path(), seen.action(), fromList.size(), seen.stepId()));
        }
        files.setAll(byPath.values());
    }

    /** Applies a snapshot of the run from the server. */
    public void snapshot(Run loaded) {
        run.set(loaded);
        Map<String, StepState> known = new HashMap<>();
        steps.forEach(step -> known.put(step.stepId(), step));
        List<StepState> ordered = new ArrayList<>();
        for (RunStep step : loaded.steps()) {
            StepState fromEvents = known.remove(step.stepId());
            ordered.add(fromEvents != null && starts.containsKey(step.stepId()) ? fromEvents
                    : new StepState(step.stepId(), step.agentId(), step.status(), step.attempt(), step.iterations(),
                            null, step.durationMs(), step.error(), step.modelUsed()));
        }
        steps.stream().filter(step -> known.containsKey(step.stepId())).forEach(ordered::add);
        steps.setAll(ordered);
        if (selectedStep.get() == null && !steps.isEmpty()) {
            selectStep(steps.getFirst().stepId());
        }
    }

    /** Applies a batch of this run's events, in order. */
    public void apply(List<ServerEvent> events) {
        boolean selectedChanged = false;
        for (ServerEvent event : events) {
            if (runId != null && !runId.equals(event.runId())) {
                continue;
            }
            Run current = run.get();
            if (current != null) {
                run.set(RunEvents.apply(current, event));
            }
            selectedChanged |= applyOne(event);
        }
        if (selectedChanged) {
            String step = selectedStep.get();
            output.set(text(outputs, step));
            thinking.set(text(thoughts, step));
        }
    }

    private boolean applyOne(ServerEvent event) {
        String stepId = event.stepId();
        switch (event.type()) {
            case EventType.AGENT_OUTPUT -> {
                outputs.computeIfAbsent(stepId, key -> new StringBuilder()).append(event.text("chunk"));
                return stepId != null && stepId.equals(selectedStep.get());
            }
            case EventType.AGENT_THINKING -> {
                thoughts.computeIfAbsent(stepId, key -> new StringBuilder()).append(event.text("chunk"));
                return stepId != null && stepId.equals(selectedStep.get());
            }
            case EventType.STEP_QUEUED -> updateStep(event, step -> step.withStatus("queued"));
            case EventType.STEP_STARTED -> {
                if (stepId == null) {
                    return false;
                }
                int started = starts.merge(stepId, 1, Integer::sum);
                updateStep(event, step -> new StepState(step.stepId(), agent(step, event), "running",
                        (int) Math.max(1, event.number("attempt")), started, event.timestamp(), null, null,
                        event.text("model") != null ? event.text("model") : step.model()));
                String item = event.text("loop_item");
                String previousItem = item == null ? null : loopItems.put(stepId, item);
                if (started > 1) {
                    outputs.computeIfAbsent(stepId, key -> new StringBuilder()).append(
                            item == null ? "\n── attempt " + event.number("attempt") + " ──\n"
                                    : item.equals(previousItem) ? "\n── started again: " + item + " ──\n"
                                    : "\n── next item: " + item + " ──\n");
                }
                if (selectedStep.get() == null || isIdle(selectedStep.get())) {
                    selectStep(stepId);
                }
                return stepId.equals(selectedStep.get());
            }
            case EventType.STEP_COMPLETE -> finishStep(event, "completed");
            case EventType.STEP_FAILED -> finishStep(event, "failed");
            case EventType.STEP_CANCELLED -> finishStep(event, "cancelled");
            case EventType.STEP_RETRYING -> updateStep(event, step -> step.withStatus("retrying"));
            case EventType.TOOL_CALL_START -> toolCalls.add(new ToolCallItem(event.text("tool_call_id"), stepId,
                    event.text("tool_name"), event.text("args"), null, false, null));
            case EventType.TOOL_CALL_END -> endToolCall(event);
            case EventType.FILE_CHANGED -> {
                changeFile(new FileItem(event.text("path"), event.text("action"),
                        event.data().has("size") ? event.number("size") : null, stepId));
            }
            case EventType.RUN_COMPLETE, EventType.RUN_FAILED, EventType.RUN_CANCELLED -> loadFiles();
            case EventType.LLM_CALL -> llmCalls.add(new LlmCall(event.text("llm_call_id"), event.runId(), stepId,
                    event.agentId(), event.text("provider"), event.text("model"), event.number("input_tokens"),
                    event.number("output_tokens"), event.number("total_tokens"), event.decimal("cost_total"),
                    event.flag("cost_approximate"), event.number("duration_ms"), event.timestamp()));
            case EventType.RUN_RESTARTED -> reload();
            default -> {
                return false;
            }
        }
        return false;
    }

    private boolean isIdle(String stepId) {
        StepState step = findStep(stepId);
        return step == null || !"running".equals(step.status());
    }

    private static String agent(StepState step, ServerEvent event) {
        return event.agentId() != null ? event.agentId() : step.agentId();
    }

    private void finishStep(ServerEvent event, String status) {
        updateStep(event, step -> new StepState(step.stepId(), step.agentId(), status, step.attempt(),
                step.iterations(), step.startedAt(),
                event.data().has("duration_ms") ? Long.valueOf(event.number("duration_ms"))
                        : step.startedAt() == null ? null : Math.max(0, event.timestamp() - step.startedAt()),
                event.text("error"), step.model()));
    }

    private void endToolCall(ServerEvent event) {
        String id = event.text("tool_call_id");
        ToolCallItem ended = new ToolCallItem(id, event.stepId(), event.text("tool_name"), null, event.text("result"),
                event.flag("is_error"), event.number("duration_ms"));
        for (int i = toolCalls.size() - 1; i >= 0; i--) {
            ToolCallItem started = toolCalls.get(i);
            if (started.toolCallId() != null && started.toolCallId().equals(id)) {
                toolCalls.set(i, new ToolCallItem(id, started.stepId(), started.toolName(), started.args(),
                        ended.result(), ended.error(), ended.durationMs()));
                return;
            }
        }
        toolCalls.add(ended);
    }

    private boolean updateStep(ServerEvent event, UnaryOperator<StepState> change) {
        String stepId = event.stepId();
        if (stepId == null) {
            return false;
        }
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).stepId().equals(stepId)) {
                steps.set(i, change.apply(steps.get(i)));
                return true;
            }
        }
        steps.add(change.apply(new StepState(stepId, event.agentId(), "pending", 1, 0, null, null, null, null)));
        return true;
    }

    private StepState findStep(String stepId) {
        return steps.stream().filter(step -> step.stepId().equals(stepId)).findFirst().orElse(null);
    }

    private void command(ThrowingAction action, String done, String what) {
        busy.set(true);
        tasks.submit(() -> {
            action.run();
            return done;
        }, confirmation -> {
            busy.set(false);
            message.set(confirmation);
        }, failure -> {
            busy.set(false);
            LOGGER.warn("run command failed action={} runId={}", what, runId, failure);
            message.set(Messages.failure(what, failure));
        });
    }

    private static String text(Map<String, StringBuilder> texts, String stepId) {
        StringBuilder builder = stepId == null ? null : texts.get(stepId);
        return builder == null ? "" : builder.toString();
    }

    @FunctionalInterface
    private interface ThrowingAction {
        void run() throws Exception;
    }
}
