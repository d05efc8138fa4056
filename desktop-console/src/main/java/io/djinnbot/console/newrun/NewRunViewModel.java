package io.djinnbot.console.newrun;

import java.util.List;
import java.util.function.Consumer;

import io.djinnbot.console.app.BusyWork;
import io.djinnbot.console.app.TaskRunner;
import io.djinnbot.console.client.DjinnBotClient;
import io.djinnbot.model.Pipeline;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The new-run form: a pipeline, a task, optional context and model; starting hands the new run's id on. */
public final class NewRunViewModel {

    private final DjinnBotClient client;
    private final ObservableList<Pipeline> pipelines = FXCollections.observableArrayList();
    private final ObjectProperty<Pipeline> pipeline = new SimpleObjectProperty<>(this, "pipeline");
    private final StringProperty task = new SimpleStringProperty(this, "task", "");
    private final StringProperty context = new SimpleStringProperty(this, "context", "");
    private final StringProperty modelOverride = new SimpleStringProperty(this, "modelOverride", "");
    private final BusyWork work;
    private final BooleanBinding canStart;

    public NewRunViewModel(DjinnBotClient client, TaskRunner tasks) {
        this.client = client;
        this.work = new BusyWork(tasks);
        canStart = Bindings.createBooleanBinding(
                () -> pipeline.get() != null && !task.get().isBlank() && !work.busyProperty().get(), pipeline, task,
                work.busyProperty());
    }

    // Properties

    /** The pipelines to choose from. */
    public ObservableList<Pipeline> pipelines() {
        return pipelines;
    }

    /** The chosen pipeline. */
    public ObjectProperty<Pipeline> pipelineProperty() {
        return pipeline;
    }

    /** The task for the agents. */
    public StringProperty taskProperty() {
        return task;
    }

    /** Extra context for the agents, optional. */
    public StringProperty contextProperty() {
        return context;
    }

    /** A model for every step, optional. */
    public StringProperty modelOverrideProperty() {
        return modelOverride;
    }

    /** Whether the form is complete and nothing is under way. */
    public BooleanBinding canStartProperty() {
        return canStart;
    }

    /** Whether a load or start is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return work.busyProperty();
    }

    /** The last problem, in a sentence. */
    public ReadOnlyStringProperty messageProperty() {
        return work.messageProperty();
    }

    // Commands

    /** Loads the pipelines, keeping the current choice when it still exists. */
    public void load() {
        work.run("load the pipelines", client::pipelines, this::loaded);
    }

    /** Starts the run and hands its id to {@code onStarted}; the form is cleared for the next run. */
    public void start(Consumer<String> onStarted) {
        if (!canStart.get()) {
            work.say(pipeline.get() == null ? "Pick a pipeline first." : "Describe the task first.");
            return;
        }
        String pipelineId = pipeline.get().id();
        work.run("start the run",
                () -> client.startRun(pipelineId, task.get().strip(), context.get(), modelOverride.get()), run -> {
                    task.set("");
                    context.set("");
                    onStarted.accept(run.id());
                });
    }

    private void loaded(List<Pipeline> loaded) {
        String chosen = pipeline.get() == null ? null : pipeline.get().id();
        pipelines.setAll(loaded);
        pipeline.set(loaded.stream().filter(p -> p.id().equals(chosen)).findFirst()
                .orElse(loaded.isEmpty() ? null : loaded.getFirst()));
    }
}
