package io.djinnbot.console.newrun;

import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.djinnbot.model.Pipeline;
import io.djinnbot.model.PipelineAgent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** The new-run form. */
public final class NewRunView extends GridPane {
    private final TextArea task = new TextArea();

    public NewRunView(NewRunViewModel viewModel, Consumer<String> onStarted) {
        setId("new-run-view");
        setHgap(10);
        setVgap(10);
        setPadding(new Insets(16));
        getColumnConstraints().addAll(new ColumnConstraints(130), new ColumnConstraints());
        getColumnConstraints().get(1).setHgrow(Priority.ALWAYS);

        ComboBox<Pipeline> pipeline = new ComboBox<>(viewModel.pipelines());
        pipeline.setId("pipeline-choice");
        pipeline.setCellFactory(list -> new PipelineCell());
        pipeline.setButtonCell(new PipelineCell());
        pipeline.valueProperty().bindBidirectional(viewModel.pipelineProperty());
        Label about = new Label();
        about.setWrapText(true);
        about.getStyleClass().add("muted");
        about.textProperty().bind(viewModel.pipelineProperty().map(NewRunView::describe).orElse(""));

        task.setId("task-input");
        task.setPromptText("What should the team do?");
        task.setWrapText(true);
        task.setPrefRowCount(5);
        task.textProperty().bindBidirectional(viewModel.taskProperty());
        TextArea context = new TextArea();
        context.setPromptText("Optional: constraints, links, anything the agents should know");
        context.setWrapText(true);
        context.setPrefRowCount(3);
        context.textProperty().bindBidirectional(viewModel.contextProperty());
        TextField model = new TextField();
        model.setPromptText("Optional, e.g. offline/simulated");
        model.textProperty().bindBidirectional(viewModel.modelOverrideProperty());

        Button start = new Button("Start run");
        start.setId("start-run");
        start.setDefaultButton(true);
        start.getStyleClass().add("accent");
        start.disableProperty().bind(viewModel.canStartProperty().not());
        start.setOnAction(event -> viewModel.start(onStarted));
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(viewModel.busyProperty());
        Label message = new Label();
        message.getStyleClass().add("message");
        message.textProperty().bind(viewModel.messageProperty());

        addRow(0, new Label("Pipeline"), pipeline);
        addRow(1, new Label(""), about);
        addRow(2, new Label("Task"), task);
        addRow(3, new Label("Context"), context);
        addRow(4, new Label("Model override"), model);
        add(new HBox(10, start, busy, message), 1, 5);
    }

    /** Puts the caret in the task field. */
    public void focusTask() {
        task.requestFocus();
    }

    private static String describe(Pipeline pipeline) {
        String steps = pipeline.steps().stream().map(step -> step.id() + " (" + step.agent() + ")")
                .collect(Collectors.joining(" → "));
        String agents = pipeline.agents().stream().map(PipelineAgent::id).collect(Collectors.joining(", "));
        return (pipeline.description() == null ? "" : pipeline.description() + "\n") + "Steps: " + steps
                + "\nAgents: " + agents;
    }

    private static final class PipelineCell extends ListCell<Pipeline> {
        @Override
        protected void updateItem(Pipeline pipeline, boolean empty) {
            super.updateItem(pipeline, empty);
            setText(empty || pipeline == null ? null : pipeline.name() + " (" + pipeline.id() + ", "
                    + pipeline.steps().size() + " steps)");
        }
    }
}
