package io.djinnbot.console.pipelines;

import java.util.List;

import io.djinnbot.model.Pipeline;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/** The pipelines list, a drawing of the selected one, and its YAML with problems placed on their lines. */
public final class PipelinesView extends SplitPane {
    private static final double BOX_W = 150;
    private static final double BOX_H = 40;
    private static final double GAP = 34;
    private static final double LEFT = 110;

    private final Pane drawing = new Pane();

    public PipelinesView(PipelinesViewModel viewModel) {
        setId("pipelines-view");
        ListView<Pipeline> list = new ListView<>(viewModel.pipelines());
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(Pipeline pipeline, boolean empty) {
                super.updateItem(pipeline, empty);
                setText(empty || pipeline == null ? null : pipeline.name() + "\n" + pipeline.id());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && now != viewModel.selectedProperty().get()) {
                viewModel.select(now);
            }
        });

        viewModel.graphProperty().addListener((obs, old, graph) -> draw(graph));
        ScrollPane drawingScroll = new ScrollPane(drawing);
        drawing.getStyleClass().add("pipeline-drawing");

        TextArea yaml = new TextArea();
        yaml.setId("pipeline-yaml");
        yaml.getStyleClass().add("mono");
        yaml.textProperty().bindBidirectional(viewModel.yamlProperty());
        ListView<PipelinesViewModel.Problem> problems = new ListView<>(viewModel.problems());
        problems.setPrefHeight(110);
        problems.setPlaceholder(new Label("No problems found."));
        problems.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(PipelinesViewModel.Problem problem, boolean empty) {
                super.updateItem(problem, empty);
                getStyleClass().removeAll("problem-error", "problem-warning");
                if (empty || problem == null) {
                    setText(null);
                    return;
                }
                getStyleClass().add(problem.error() ? "problem-error" : "problem-warning");
                setText((problem.line() >= 0 ? "line " + (problem.line() + 1) + ": " : "") + problem.path() + " — "
                        + problem.message());
            }
        });
        // Clicking a problem puts the caret on its line.
        problems.getSelectionModel().selectedItemProperty().addListener((obs, old, problem) -> {
            if (problem != null && problem.line() >= 0) {
                String[] lines = yaml.getText().split("\n", -1);
                int start = 0;
                for (int i = 0; i < problem.line() && i < lines.length; i++) {
                    start += lines[i].length() + 1;
                }
                yaml.requestFocus();
                yaml.selectRange(start, start + lines[Math.min(problem.line(), lines.length - 1)].length());
            }
        });
        Button validate = new Button("Validate");
        validate.setOnAction(event -> viewModel.validate());
        Button save = new Button("Save");
        save.setOnAction(event -> viewModel.save());
        Label message = new Label();
        message.getStyleClass().add("message");
        message.textProperty().bind(viewModel.messageProperty());
        HBox actions = new HBox(8, validate, save, message);
        VBox editor = new VBox(6, actions, yaml, problems);
        editor.setPadding(new Insets(6));
        VBox.setVgrow(yaml, Priority.ALWAYS);

        SplitPane right = new SplitPane(drawingScroll, new BorderPane(editor));
        right.setDividerPositions(0.42);
        getItems().setAll(list, right);
        setDividerPositions(0.18);
    }

    private void draw(PipelineGraph graph) {
        drawing.getChildren().clear();
        if (graph == null) {
            return;
        }
        List<String> steps = graph.steps();
        for (int i = 0; i < steps.size(); i++) {
            Rectangle box = new Rectangle(LEFT, y(i), BOX_W, BOX_H);
            box.setArcWidth(10);
            box.setArcHeight(10);
            box.getStyleClass().add("step-box");
            Text name = new Text(LEFT + 12, y(i) + 25, steps.get(i));
            name.getStyleClass().add("step-name");
            drawing.getChildren().addAll(box, name);
        }
        int backLane = 0;
        for (PipelineGraph.Edge edge : graph.edges()) {
            int from = steps.indexOf(edge.from());
            int to = steps.indexOf(edge.to());
            if (from < 0 || to < 0) {
                continue;
            }
            if (edge.back()) {
                backLane++;
                double x = LEFT + BOX_W;
                double bulge = 40 + 28 * backLane;
                CubicCurve curve = new CubicCurve(x, y(from) + BOX_H / 2, x + bulge, y(from) + BOX_H / 2,
                        x + bulge, y(to) + BOX_H / 2, x, y(to) + BOX_H / 2);
                curve.getStyleClass().add("edge-back");
                Text label = new Text(x + bulge * 0.78, (y(from) + y(to)) / 2 + BOX_H / 2, edge.label());
                label.getStyleClass().add("edge-label");
                drawing.getChildren().addAll(curve, label, arrowHead(x + 2, y(to) + BOX_H / 2, -1));
            } else {
                boolean adjacent = to == from + 1;
                double startY = y(from) + BOX_H;
                double endY = y(to);
                if (adjacent) {
                    Line line = new Line(LEFT + BOX_W / 2, startY, LEFT + BOX_W / 2, endY);
                    line.getStyleClass().add("edge");
                    drawing.getChildren().add(line);
                } else {
                    CubicCurve skip = new CubicCurve(LEFT, y(from) + BOX_H / 2, LEFT - 60, y(from) + BOX_H / 2,
                            LEFT - 60, y(to) + BOX_H / 2, LEFT, y(to) + BOX_H / 2);
                    skip.getStyleClass().add("edge");
                    drawing.getChildren().add(skip);
                }
                if (!edge.label().isEmpty()) {
                    Text label = new Text(adjacent ? LEFT + BOX_W / 2 + 6 : 4, adjacent ? startY + GAP / 2 + 4
                            : (y(from) + y(to)) / 2 + BOX_H / 2, edge.label());
                    label.getStyleClass().add("edge-label");
                    drawing.getChildren().add(label);
                }
            }
        }
        drawing.setPrefSize(LEFT + BOX_W + 80 + 28 * backLane + 120, y(steps.size()) + 10);
    }

    private static Text arrowHead(double x, double y, int direction) {
        Text head = new Text(x - 2, y + 4, direction < 0 ? "◀" : "▶");
        head.getStyleClass().add("edge-label");
        return head;
    }

    private static double y(int index) {
        return 16 + index * (BOX_H + GAP);
    }
}
