package io.djinnbot.console.runs;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

import io.djinnbot.console.app.Messages;
import io.djinnbot.console.app.TaskRunner;
import io.djinnbot.console.client.DjinnBotClient;
import io.djinnbot.console.client.ServerEvent;
import io.djinnbot.model.EventType;
import io.djinnbot.model.Run;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs table: a snapshot from {@code GET /v1/runs}, then kept current by the event stream alone. Filters by
 * status and pipeline apply locally, so live rows keep arriving while a filter is set.
 */
public final class RunsViewModel {
    private static final Logger LOGGER = LoggerFactory.getLogger(RunsViewModel.class);
    private static final int LIMIT = 200;

    private final DjinnBotClient client;
    private final TaskRunner tasks;
    private final ObservableList<Run> runs = FXCollections.observableArrayList();
    private final FilteredList<Run> visibleRuns = new FilteredList<>(runs);
    private final ObservableList<String> pipelineChoices = FXCollections.observableArrayList();
    private final ObjectProperty<String> statusFilter = new SimpleObjectProperty<>(this, "statusFilter");
    private final ObjectProperty<String> pipelineFilter = new SimpleObjectProperty<>(this, "pipelineFilter");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    public RunsViewModel(DjinnBotClient client, TaskRunner tasks) {
        this.client = client;
        this.tasks = tasks;
        statusFilter.addListener((observable, old, now) -> updateFilter());
        pipelineFilter.addListener((observable, old, now) -> updateFilter());
    }

    // Properties

    /** The runs that pass the filters, newest first. */
    public ObservableList<Run> visibleRuns() {
        return FXCollections.unmodifiableObservableList(visibleRuns);
    }

    /** Every run known, newest first. */
    public ObservableList<Run> allRuns() {
        return FXCollections.unmodifiableObservableList(runs);
    }

    /** The pipeline ids seen, for the filter. */
    public ObservableList<String> pipelineChoices() {
        return pipelineChoices;
    }

    /** A wire status to show only, or null for all. */
    public ObjectProperty<String> statusFilterProperty() {
        return statusFilter;
    }

    /** A pipeline id to show only, or null for all. */
    public ObjectProperty<String> pipelineFilterProperty() {
        return pipelineFilter;
    }

    /** Whether a load or delete is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The last problem, in a sentence; empty when all is well. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    // Commands

    /** Loads the runs again from the server. */
    public void refresh() {
        busy.set(true);
        tasks.submit(() -> client.runs(null, null, LIMIT), loaded -> {
            busy.set(false);
            message.set("");
            replaceAll(loaded);
        }, failure -> {
            busy.set(false);
            LOGGER.warn("runs not loaded", failure);
            message.set(Messages.failure("load the runs", failure));
        });
    }

    /** Deletes a finished run; the row goes when the server confirms it. */
    public void delete(Run run) {
        if (!run.runStatus().isTerminal()) {
            message.set("Only finished runs can be deleted; cancel it first.");
            return;
        }
        busy.set(true);
        tasks.submit(() -> {
            client.deleteRun(run.id());
            return run.id();
        }, deleted -> {
            busy.set(false);
            message.set("");
            runs.removeIf(row -> row.id().equals(deleted));
        }, failure -> {
            busy.set(false);
            LOGGER.warn("run not deleted runId={}", run.id(), failure);
            message.set(Messages.failure("delete the run", failure));
        });
    }

    /** Replaces the table with a fresh snapshot. */
    public void replaceAll(List<Run> loaded) {
        runs.setAll(loaded);
        updatePipelineChoices();
    }

    /** Applies a batch of events from the stream, in order. */
    public void apply(List<ServerEvent> events) {
        for (ServerEvent event : events) {
            if (event.runId() == null) {
                continue;
            }
            switch (event.type()) {
                case EventType.RUN_CREATED -> created(event);
                case EventType.RUN_DELETED -> runs.removeIf(run -> run.id().equals(event.runId()));
                default -> update(event);
            }
        }
    }

    /** The run with this id, or null when it is not in the table. */
    public Run find(String runId) {
        return runs.stream().filter(run -> run.id().equals(runId)).findFirst().orElse(null);
    }

    private void created(ServerEvent event) {
        if (indexOf(event.runId()) >= 0) {
            return;
        }
        runs.addFirst(RunDraft.created(event.runId(), event.text("pipeline_id"), event.text("task_description"),
                event.timestamp()));
        updatePipelineChoices();
        // The event lacks the step count: one read of the new run fills it in.
        tasks.submit(() -> client.run(event.runId()), this::merge,
                failure -> LOGGER.debug("new run not read runId={}", event.runId(), failure));
    }

    private void merge(Run fresh) {
        int index = indexOf(fresh.id());
        if (index < 0) {
            return;
        }
        Run known = runs.get(index);
        // Events may have moved the row on while the read was in flight: keep the further of the two.
        boolean knownIsAhead = known.runStatus().ordinal() > fresh.runStatus().ordinal()
                || known.progress().done() > fresh.progress().done();
        if (knownIsAhead) {
            RunDraft draft = new RunDraft(known);
            draft.total = Math.max(known.progress().total(), fresh.progress().total());
            draft.workspace = fresh.workspace();
            runs.set(index, draft.toRun());
        } else {
            runs.set(index, fresh);
        }
    }

    private void update(ServerEvent event) {
        int index = indexOf(event.runId());
        if (index < 0) {
            return;
        }
        Run before = runs.get(index);
        Run after = RunEvents.apply(before, event);
        if (after != before) {
            runs.set(index, after);
        }
        if (EventType.STEP_COMPLETE.equals(event.type())) {
            // The row has no step list: the server counts the distinct completed steps.
            tasks.submit(() -> client.run(event.runId()), this::replaceProgress,
                    failure -> LOGGER.debug("run not reread runId={}", event.runId(), failure));
        }
    }

    private void replaceProgress(Run fresh) {
        int index = indexOf(fresh.id());
        if (index >= 0) {
            RunDraft draft = new RunDraft(runs.get(index));
            draft.done = fresh.progress().done();
            draft.total = fresh.progress().total();
            runs.set(index, draft.toRun());
        }
    }

    private int indexOf(String runId) {
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).id().equals(runId)) {
                return i;
            }
        }
        return -1;
    }

    private void updatePipelineChoices() {
        TreeSet<String> ids = new TreeSet<>();
        runs.forEach(run -> ids.add(run.pipelineId()));
        if (!pipelineChoices.equals(List.copyOf(ids))) {
            pipelineChoices.setAll(ids);
        }
    }

    private void updateFilter() {
        String status = statusFilter.get();
        String pipeline = pipelineFilter.get();
        visibleRuns.setPredicate(run -> (status == null || Objects.equals(status, run.status()))
                && (pipeline == null || Objects.equals(pipeline, run.pipelineId())));
    }
}
