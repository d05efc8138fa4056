package io.djinnbot.console.pipelines;

import java.util.List;

import io.djinnbot.console.app.BusyWork;
import io.djinnbot.console.app.TaskRunner;
import io.djinnbot.console.client.ApiException;
import io.djinnbot.console.client.DjinnBotClient;
import io.djinnbot.model.Pipeline;
import io.djinnbot.model.ValidationProblem;
import io.djinnbot.model.ValidationReport;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The pipelines: the list, the selected one's drawing, and its YAML with the server's validation problems. */
public final class PipelinesViewModel {

    private final DjinnBotClient client;
    private final ObservableList<Pipeline> pipelines = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Pipeline> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyObjectWrapper<PipelineGraph> graph = new ReadOnlyObjectWrapper<>(this, "graph");
    private final StringProperty yaml = new SimpleStringProperty(this, "yaml", "");
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final BusyWork work;

    /**
     * A problem placed in the YAML.
     *
     * @param line the 0-based line it points at, or -1 when it could not be placed
     * @param error false for a warning
     */
    public record Problem(String path, String message, int line, boolean error) {
    }

    public PipelinesViewModel(DjinnBotClient client, TaskRunner tasks) {
        this.client = client;
        this.work = new BusyWork(tasks);
    }

    /** The pipelines. */
    public ObservableList<Pipeline> pipelines() {
        return pipelines;
    }

    /** The pipeline shown. */
    public ReadOnlyObjectProperty<Pipeline> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The drawing of the pipeline shown. */
    public ReadOnlyObjectProperty<PipelineGraph> graphProperty() {
        return graph.getReadOnlyProperty();
    }

    /** The YAML being edited. */
    public StringProperty yamlProperty() {
        return yaml;
    }

    /** The validation errors and warnings, placed on their lines. */
    public ObservableList<Problem> problems() {
        return FXCollections.unmodifiableObservableList(problems);
    }

    /** Whether a call is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return work.busyProperty();
    }

    /** The last result or problem, in a sentence. */
    public ReadOnlyStringProperty messageProperty() {
        return work.messageProperty();
    }

    /** Loads the list. */
    public void load() {
        work.run(client::pipelines, loaded -> {
            pipelines.setAll(loaded);
            if (selected.get() == null && !loaded.isEmpty()) {
                select(loaded.getFirst());
            }
        }, failure -> work.failed("load the pipelines", failure));
    }

    /** Shows a pipeline: its drawing, its YAML and the server's verdict on it. */
    public void select(Pipeline pipeline) {
        selected.set(pipeline);
        problems.clear();
        graph.set(pipeline == null ? null : PipelineGraph.of(pipeline));
        if (pipeline == null) {
            yaml.set("");
            return;
        }
        work.run(() -> client.pipelineYaml(pipeline.id()), text -> {
            yaml.set(text);
            validate();
        }, failure -> work.failed("load the YAML", failure));
    }

    /** Asks the server to validate the stored pipeline. */
    public void validate() {
        Pipeline pipeline = selected.get();
        if (pipeline == null) {
            return;
        }
        work.run(() -> client.validatePipeline(pipeline.id()), this::showReport,
                failure -> work.failed("validate the pipeline", failure));
    }

    /** Stores the edited YAML; a refused file shows its problems in place. */
    public void save() {
        Pipeline pipeline = selected.get();
        if (pipeline == null) {
            return;
        }
        String text = yaml.get();
        work.run(() -> {
            client.savePipeline(pipeline.id(), text);
            return client.pipelines();
        }, loaded -> {
            problems.clear();
            work.say("Saved.");
            pipelines.setAll(loaded);
            loaded.stream().filter(p -> p.id().equals(pipeline.id())).findFirst().ifPresent(saved -> {
                selected.set(saved);
                graph.set(PipelineGraph.of(saved));
            });
        }, failure -> {
            if (failure instanceof ApiException api && !api.error().problems().isEmpty()) {
                placeProblems(api.error().problems(), List.of());
                work.say("Not saved: " + api.error().detail());
            } else {
                work.failed("save the pipeline", failure);
            }
        });
    }

    /** Shows a validation report. */
    public void showReport(ValidationReport report) {
        placeProblems(report.errors(), report.warnings());
        work.say(report.valid() ? (report.warnings().isEmpty() ? "Valid." : "Valid, with warnings.")
                : "Invalid: " + report.errors().size() + " error(s).");
    }

    private void placeProblems(List<ValidationProblem> errors, List<ValidationProblem> warnings) {
        String text = yaml.get();
        problems.clear();
        errors.forEach(p -> problems.add(new Problem(p.path(), p.message(), YamlLocator.lineOf(text, p.path()), true)));
        warnings.forEach(p -> problems.add(new Problem(p.path(), p.message(), YamlLocator.lineOf(text, p.path()),
                false)));
    }
}
