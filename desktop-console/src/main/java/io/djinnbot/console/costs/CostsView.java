package io.djinnbot.console.costs;

import java.util.List;
import java.util.function.Function;

import io.djinnbot.console.app.Format;
import io.djinnbot.model.LlmCall;
import io.djinnbot.model.UsageDay;
import io.djinnbot.model.UsageGroup;
import io.djinnbot.model.UsageSummary;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.PieChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** Charts of tokens and cost per day, per model and per agent, and the recent model calls. */
public final class CostsView extends BorderPane {
    private final BarChart<String, Number> tokensPerDay = bars("Tokens per day");
    private final BarChart<String, Number> costPerDay = bars("Cost per day ($)");
    private final PieChart perModel = new PieChart();
    private final BarChart<String, Number> perAgent = bars("Tokens per agent");

    private final CostsViewModel viewModel;

    public CostsView(CostsViewModel viewModel) {
        this.viewModel = viewModel;
        setId("costs-view");
        perModel.setTitle("Tokens per model");
        perModel.setLegendVisible(false);
        viewModel.days().addListener((ListChangeListener<UsageDay>) change -> showDays(viewModel.days()));
        viewModel.summaryProperty().addListener((obs, old, summary) -> showSummary(summary));

        Button refresh = new Button("Refresh");
        refresh.setOnAction(event -> viewModel.load());
        Label message = new Label();
        message.setId("costs-message");
        message.getStyleClass().add("message");
        message.textProperty().bind(viewModel.messageProperty());
        HBox toolbar = new HBox(8, refresh, message);
        toolbar.setPadding(new Insets(8));

        GridPane charts = new GridPane();
        charts.add(tokensPerDay, 0, 0);
        charts.add(costPerDay, 1, 0);
        charts.add(perModel, 0, 1);
        charts.add(perAgent, 1, 1);
        for (var chart : List.of(tokensPerDay, costPerDay, perModel, perAgent)) {
            GridPane.setHgrow(chart, Priority.ALWAYS);
            GridPane.setVgrow(chart, Priority.ALWAYS);
            chart.setMinSize(200, 160);
        }

        TableView<LlmCall> calls = new TableView<>(viewModel.recentCalls());
        calls.setPlaceholder(new Label("No model calls to show."));
        calls.setPrefHeight(180);
        calls.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        calls.getColumns().setAll(List.of(
                column("When", 120, call -> Format.time(call.createdAt())),
                column("Run", 140, LlmCall::runId),
                column("Step", 80, LlmCall::stepId),
                column("Agent", 70, LlmCall::agentId),
                column("Model", 140, call -> call.provider() + "/" + call.model()),
                column("Tokens", 80, call -> Format.tokens(call.totalTokens())),
                column("Cost", 80, call -> Format.cost(call.costTotal()) + (call.costApproximate() ? " ≈" : ""))));
        setTop(toolbar);
        setCenter(charts);
        setBottom(calls);
    }

    private void showDays(List<UsageDay> days) {
        XYChart.Series<String, Number> tokens = new XYChart.Series<>();
        XYChart.Series<String, Number> cost = new XYChart.Series<>();
        for (UsageDay day : days) {
            String label = day.date().length() >= 10 ? day.date().substring(5) : day.date();
            tokens.getData().add(new XYChart.Data<>(label, day.totalTokens()));
            cost.getData().add(new XYChart.Data<>(label, day.cost()));
        }
        tokensPerDay.getData().setAll(List.of(tokens));
        costPerDay.getData().setAll(List.of(cost));
    }

    private void showSummary(UsageSummary summary) {
        if (summary == null) {
            return;
        }
        perModel.getData().setAll(summary.byModel().stream()
                .map(group -> new PieChart.Data(group.provider() + "/" + group.model(), group.totalTokens()))
                .toList());
        XYChart.Series<String, Number> agents = new XYChart.Series<>();
        for (UsageGroup group : summary.byAgent()) {
            agents.getData().add(new XYChart.Data<>(group.agentId(), group.totalTokens()));
        }
        perAgent.getData().setAll(List.of(agents));
    }

    private static BarChart<String, Number> bars(String title) {
        BarChart<String, Number> chart = new BarChart<>(new CategoryAxis(), new NumberAxis());
        chart.setTitle(title);
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        return chart;
    }

    private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    /** Loads the figures again; called whenever the screen is shown, so they are never stale. */
    public void reload() {
        viewModel.load();
    }
}
