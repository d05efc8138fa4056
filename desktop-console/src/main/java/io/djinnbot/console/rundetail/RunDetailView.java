package io.djinnbot.console.rundetail;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import io.djinnbot.console.app.Format;
import io.djinnbot.console.app.StatusCell;
import io.djinnbot.model.LlmCall;
import io.djinnbot.model.Run;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** One run: header with commands, the step timeline, and the selected step's output, tools, files and calls. */
public final class RunDetailView extends BorderPane {
    private final RunDetailViewModel viewModel;
    private final TextArea output = new TextArea();

    public RunDetailView(RunDetailViewModel viewModel, Consumer<String> openRun) {
        this.viewModel = viewModel;
        setId("run-detail-view");
        Label title = new Label("No run open. Double-click a run in the Runs tab.");
        title.getStyleClass().add("title");
        Label status = new Label();
        status.setId("run-status");
        Label facts = new Label();
        facts.getStyleClass().add("muted");
        viewModel.runProperty().addListener((obs, old, run) -> {
            if (run == null) {
                return;
            }
            title.setText(run.pipelineId() + " · " + run.task());
            status.setText(Format.icon(run.status()) + " " + run.status());
            status.getStyleClass().removeIf(style -> style.startsWith("status-"));
            status.getStyleClass().add("status-" + run.status());
            facts.setText(run.id() + "   step " + (run.currentStep() == null ? "–" : run.currentStep())
                    + "   " + run.progress().done() + "/" + run.progress().total() + " steps   "
                    + Format.tokens(run.totalTokens()) + " tokens   " + Format.cost(run.costTotal())
                    + (run.error() == null ? "" : "   error: " + run.error()));
        });
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-run");
        cancel.setOnAction(event -> viewModel.cancel());
        Button restart = new Button("Restart…");
        restart.setOnAction(event -> askRestart());
        Button again = new Button("Run again");
        again.setOnAction(event -> viewModel.runAgain(openRun));
        // Cancel while the run is active; Restart once it failed or was cancelled (the server refuses otherwise).
        cancel.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> viewModel.runProperty().get() == null || viewModel.runProperty().get().runStatus().isTerminal(),
                viewModel.runProperty()));
        restart.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            io.djinnbot.model.Run run = viewModel.runProperty().get();
            return run == null || !(run.runStatus() == io.djinnbot.model.RunStatus.FAILED
                    || run.runStatus() == io.djinnbot.model.RunStatus.CANCELLED);
        }, viewModel.runProperty()));
        again.disableProperty().bind(viewModel.runProperty().isNull());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(viewModel.busyProperty());
        Label message = new Label();
        message.getStyleClass().add("message");
        message.textProperty().bind(viewModel.messageProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox commands = new HBox(8, status, busy, message, grow, cancel, restart, again);
        commands.setAlignment(Pos.CENTER_LEFT);
        VBox header = new VBox(4, title, facts, commands);
        header.setPadding(new Insets(8));

        SplitPane split = new SplitPane(stepsTable(), detailTabs());
        split.setDividerPositions(0.36);
        setTop(header);
        setCenter(split);
    }

    private TableView<StepState> stepsTable() {
        TableView<StepState> steps = new TableView<>(viewModel.steps());
        steps.setId("steps-table");
        steps.setPlaceholder(new Label("No steps yet."));
        steps.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<StepState, String> status = column("Status", 100, StepState::status);
        status.setCellFactory(col -> new StatusCell<>());
        steps.getColumns().setAll(List.of(
                column("Step", 90, StepState::stepId),
                column("Agent", 70, StepState::agentId),
                status,
                column("Try", 40, step -> Integer.toString(step.attempt())),
                column("Runs", 45, step -> Integer.toString(step.iterations())),
                column("Duration", 80, step -> Format.duration(step.durationMs()))));
        steps.getSelectionModel().selectedItemProperty().addListener((obs, old, step) -> {
            if (step != null && !step.stepId().equals(viewModel.selectedStepProperty().get())) {
                viewModel.selectStep(step.stepId());
            }
        });
        viewModel.selectedStepProperty().addListener((obs, old, stepId) -> viewModel.steps().stream()
                .filter(step -> step.stepId().equals(stepId)).findFirst()
                .ifPresent(step -> steps.getSelectionModel().select(step)));
        return steps;
    }

    private TabPane detailTabs() {
        output.setId("step-output");
        output.setEditable(false);
        output.setWrapText(true);
        output.getStyleClass().add("mono");
        // Append the new tail instead of replacing the whole text: smooth at hundreds of chunks a second.
        String[] shownStep = {null};
        viewModel.outputProperty().addListener((obs, old, now) -> {
            String step = viewModel.selectedStepProperty().get();
            boolean sameStep = step != null && step.equals(shownStep[0]);
            if (sameStep && old != null && now.length() >= old.length() && output.getLength() == old.length()) {
                output.appendText(now.substring(old.length()));
            } else {
                shownStep[0] = step;
                output.setText(now);
                output.positionCaret(now.length());
            }
        });
        viewModel.selectedStepProperty().addListener((obs, old, now) -> {
            shownStep[0] = now;
            output.setText(viewModel.outputProperty().get());
        });
        TextArea thinking = new TextArea();
        thinking.setId("step-thinking");
        thinking.setEditable(false);
        thinking.setWrapText(true);
        thinking.setPrefRowCount(4);
        thinking.textProperty().bind(viewModel.thinkingProperty());
        TitledPane thinkingPane = new TitledPane("Thinking", thinking);
        thinkingPane.setExpanded(false);
        Label stepLabel = new Label();
        stepLabel.textProperty().bind(viewModel.selectedStepProperty().map(step -> "Output of " + step)
                .orElse("Output"));
        VBox outputBox = new VBox(6, stepLabel, thinkingPane, output);
        outputBox.setPadding(new Insets(6));
        VBox.setVgrow(output, Priority.ALWAYS);

        TableView<ToolCallItem> tools = new TableView<>(viewModel.toolCalls());
        tools.setPlaceholder(new Label("No tool calls yet."));
        tools.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        tools.getColumns().setAll(List.of(
                column("Step", 70, ToolCallItem::stepId),
                column("Tool", 70, ToolCallItem::toolName),
                column("Arguments", 220, ToolCallItem::args),
                column("Result", 220, call -> call.finished() ? (call.error() ? "error: " : "") + call.result()
                        : "running…"),
                column("Duration", 70, call -> Format.duration(call.durationMs()))));
        tools.setRowFactory(view -> doubleClick(call -> showText(call.toolName() + " " + call.toolCallId(),
                "Arguments:\n" + call.args() + "\n\nResult:\n" + (call.result() == null ? "" : call.result()))));

        TableView<FileItem> files = new TableView<>(viewModel.files());
        files.setPlaceholder(new Label("No files in the workspace yet."));
        files.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        files.getColumns().setAll(List.of(
                column("Path", 260, FileItem::path),
                column("Change", 70, FileItem::action),
                column("Size", 70, file -> file.size() == null ? "" : file.size() + " B"),
                column("Step", 70, FileItem::stepId)));
        files.setRowFactory(view -> doubleClick(file -> viewModel.readFile(file, text -> showText(file.path(),
                text))));
        Label filesHint = new Label("Double-click a file to view it.");
        filesHint.getStyleClass().add("muted");
        VBox filesBox = new VBox(4, files, filesHint);
        VBox.setVgrow(files, Priority.ALWAYS);

        TableView<LlmCall> calls = new TableView<>(viewModel.llmCalls());
        calls.setPlaceholder(new Label("No model calls yet."));
        calls.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        calls.getColumns().setAll(List.of(
                column("Step", 70, LlmCall::stepId),
                column("Agent", 70, LlmCall::agentId),
                column("Model", 130, call -> call.provider() + "/" + call.model()),
                column("In", 60, call -> Format.tokens(call.inputTokens())),
                column("Out", 60, call -> Format.tokens(call.outputTokens())),
                column("Cost", 70, call -> Format.cost(call.costTotal()) + (call.costApproximate() ? " ≈" : "")),
                column("Duration", 70, call -> Format.duration(call.durationMs()))));

        TabPane tabs = new TabPane(new Tab("Output", outputBox), new Tab("Tool calls", tools),
                new Tab("Files", filesBox), new Tab("LLM calls", calls));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        return tabs;
    }

    private void askRestart() {
        TextInputDialog dialog = new TextInputDialog();
        dialog.setTitle("Restart run");
        dialog.setHeaderText("Restart the run. Extra context for the agents (optional):");
        dialog.initOwner(getScene().getWindow());
        dialog.showAndWait().ifPresent(viewModel::restart);
    }

    private void showText(String title, String text) {
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.getStyleClass().add("mono");
        area.setPrefSize(720, 480);
        Dialog<Void> dialog = new Dialog<>();
        dialog.setTitle(title);
        dialog.initOwner(getScene().getWindow());
        dialog.getDialogPane().setContent(area);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.show();
    }

    private static <T> TableRow<T> doubleClick(Consumer<T> action) {
        TableRow<T> row = new TableRow<>();
        row.setOnMouseClicked(event -> {
            if (event.getClickCount() == 2 && !row.isEmpty()) {
                action.accept(row.getItem());
            }
        });
        return row;
    }

    private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    /** The run shown, or null. */
    public Run run() {
        return viewModel.runProperty().get();
    }
}
