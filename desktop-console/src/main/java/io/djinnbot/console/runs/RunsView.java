package io.djinnbot.console.runs;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import io.djinnbot.console.app.Format;
import io.djinnbot.console.app.StatusCell;
import io.djinnbot.model.Run;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/** The runs table with its filters. */
public final class RunsView extends BorderPane {
    private static final String ALL = "all";

    private final TableView<Run> table = new TableView<>();

    public RunsView(RunsViewModel viewModel, Consumer<String> openRun, Runnable newRun) {
        setId("runs-view");
        ComboBox<String> status = new ComboBox<>(FXCollections.observableArrayList(ALL, "pending", "running",
                "completed", "failed", "cancelled"));
        status.setValue(ALL);
        status.valueProperty().addListener((obs, old, now) ->
                viewModel.statusFilterProperty().set(ALL.equals(now) ? null : now));
        ComboBox<String> pipeline = new ComboBox<>();
        pipeline.getItems().add(ALL);
        pipeline.setValue(ALL);
        viewModel.pipelineChoices().addListener((ListChangeListener<String>) change -> {
            String chosen = pipeline.getValue();
            pipeline.getItems().setAll(ALL);
            pipeline.getItems().addAll(viewModel.pipelineChoices());
            pipeline.setValue(pipeline.getItems().contains(chosen) ? chosen : ALL);
        });
        pipeline.valueProperty().addListener((obs, old, now) ->
                viewModel.pipelineFilterProperty().set(now == null || ALL.equals(now) ? null : now));

        Button open = new Button("Open");
        open.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        open.setOnAction(event -> openRun.accept(table.getSelectionModel().getSelectedItem().id()));
        Button delete = new Button("Delete");
        delete.setId("delete-run");
        delete.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        delete.setOnAction(event -> viewModel.delete(table.getSelectionModel().getSelectedItem()));
        Button refresh = new Button("Refresh");
        refresh.setOnAction(event -> viewModel.refresh());
        Button create = new Button("New run…");
        create.getStyleClass().add("accent");
        create.setOnAction(event -> newRun.run());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(viewModel.busyProperty());
        Label message = new Label();
        message.getStyleClass().add("message");
        message.textProperty().bind(viewModel.messageProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox toolbar = new HBox(8, new Label("Status"), status, new Label("Pipeline"), pipeline, busy, message, grow,
                open, delete, refresh, create);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(8));

        table.setId("runs-table");
        table.setItems(viewModel.visibleRuns());
        table.setPlaceholder(new Label("No runs yet. Start one with New run (Ctrl+N)."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(
                column("Pipeline", 100, Run::pipelineId),
                column("Task", 260, Run::task),
                statusColumn(),
                column("Current step", 110, run -> run.currentStep() == null ? "" : run.currentStep()),
                progressColumn(),
                column("Started", 130, run -> Format.time(run.startedAt())),
                column("Duration", 80, RunsView::duration),
                column("Tokens", 80, run -> Format.tokens(run.totalTokens())),
                column("Cost", 80, run -> Format.cost(run.costTotal()))));
        table.setRowFactory(view -> {
            TableRow<Run> row = new TableRow<>();
            row.setOnMouseClicked(event -> {
                if (event.getClickCount() == 2 && !row.isEmpty()) {
                    openRun.accept(row.getItem().id());
                }
            });
            return row;
        });
        table.setOnKeyPressed(event -> {
            Run selected = table.getSelectionModel().getSelectedItem();
            if (event.getCode() == KeyCode.ENTER && selected != null) {
                openRun.accept(selected.id());
            }
        });
        // Durations of running rows grow with the clock; one repaint a second keeps them honest.
        Timeline tick = new Timeline(new KeyFrame(Duration.seconds(1), event -> table.refresh()));
        tick.setCycleCount(Timeline.INDEFINITE);
        tick.play();

        setTop(toolbar);
        setCenter(table);
    }

    /** The table, for selection by the window's shortcuts. */
    public TableView<Run> table() {
        return table;
    }

    private static String duration(Run run) {
        if (run.durationMs() != null && run.runStatus().isTerminal()) {
            return Format.duration(run.durationMs());
        }
        if (run.startedAt() != null && !run.runStatus().isTerminal()) {
            return Format.duration(Math.max(0, System.currentTimeMillis() - run.startedAt()));
        }
        return Format.duration(run.durationMs());
    }

    private static TableColumn<Run, String> column(String title, double width,
                                                   Function<Run, String> value) {
        TableColumn<Run, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    private static TableColumn<Run, String> statusColumn() {
        TableColumn<Run, String> column = column("Status", 110, Run::status);
        column.setCellFactory(col -> new StatusCell<>());
        return column;
    }

    private static TableColumn<Run, Run> progressColumn() {
        TableColumn<Run, Run> column = new TableColumn<>("Progress");
        column.setPrefWidth(140);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setCellFactory(col -> new TableCell<>() {
            private final ProgressBar bar = new ProgressBar();
            private final Label label = new Label();
            private final HBox box = new HBox(6, bar, label);

            {
                bar.setPrefWidth(70);
                box.setAlignment(Pos.CENTER_LEFT);
            }

            @Override
            protected void updateItem(Run run, boolean empty) {
                super.updateItem(run, empty);
                if (empty || run == null) {
                    setGraphic(null);
                    return;
                }
                bar.setProgress(run.progress().fraction());
                label.setText(run.progress().done() + " / " + run.progress().total());
                setGraphic(box);
            }
        });
        return column;
    }
}
