package io.djinnbot.console.app;

import io.djinnbot.console.agents.AgentsView;
import io.djinnbot.console.client.ConnectionState;
import io.djinnbot.console.costs.CostsView;
import io.djinnbot.console.newrun.NewRunView;
import io.djinnbot.console.pipelines.PipelinesView;
import io.djinnbot.console.rundetail.RunDetailView;
import io.djinnbot.console.runs.RunsView;
import io.djinnbot.model.Run;
import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** The window: one tab per screen, a status bar, and notices that fade in the top right corner. */
public final class MainView extends BorderPane {
    private final TabPane tabs = new TabPane();
    private final Tab runsTab;
    private final Tab detailTab;
    private final Tab newRunTab;
    private final VBox noticeArea = new VBox(6);
    private final RunsView runsView;
    private final RunDetailView detailView;
    private final NewRunView newRunView;
    private final CheckBox darkTheme = new CheckBox("Dark theme");

    public MainView(MainViewModel main, RunsView runsView, RunDetailView detailView, NewRunView newRunView,
                    PipelinesView pipelinesView, CostsView costsView, AgentsView agentsView) {
        this.runsView = runsView;
        this.detailView = detailView;
        this.newRunView = newRunView;
        runsTab = new Tab("Runs", runsView);
        detailTab = new Tab("Run detail", detailView);
        newRunTab = new Tab("New run", newRunView);
        Tab costsTab = new Tab("Costs", costsView);
        costsTab.setOnSelectionChanged(event -> {
            if (costsTab.isSelected()) {
                costsView.reload();
            }
        });
        tabs.getTabs().setAll(runsTab, detailTab, newRunTab, new Tab("Pipelines", pipelinesView), costsTab,
                new Tab("Agents", agentsView));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        noticeArea.setAlignment(Pos.TOP_RIGHT);
        noticeArea.setPickOnBounds(false);
        noticeArea.setPadding(new Insets(40, 12, 0, 0));
        noticeArea.setMaxWidth(Region.USE_PREF_SIZE);
        StackPane center = new StackPane(tabs, noticeArea);
        StackPane.setAlignment(noticeArea, Pos.TOP_RIGHT);
        setCenter(center);
        setBottom(statusBar(main));
        main.notices().addListener((ListChangeListener<MainViewModel.Notice>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(this::showNotice);
            }
        });
    }

    /** The theme switch, for the application to follow. */
    public CheckBox darkThemeSwitch() {
        return darkTheme;
    }

    /** Shows the runs tab. */
    public void showRuns() {
        tabs.getSelectionModel().select(runsTab);
    }

    /** Shows the run detail tab. */
    public void showDetail() {
        tabs.getSelectionModel().select(detailTab);
    }

    /** Shows the new-run form with the caret in the task. */
    public void showNewRun() {
        tabs.getSelectionModel().select(newRunTab);
        newRunView.focusTask();
    }

    /** Whether the run detail is the visible screen. */
    public boolean isDetailShown() {
        return tabs.getSelectionModel().getSelectedItem() == detailTab;
    }

    /** The run a "cancel" shortcut applies to: the open one on the detail tab, else the selected row. */
    public Run currentRun() {
        return isDetailShown() ? detailView.run() : runsView.table().getSelectionModel().getSelectedItem();
    }

    private HBox statusBar(MainViewModel main) {
        Label connection = new Label();
        connection.setId("connection-state");
        connection.textProperty().bind(main.connectionTextProperty().map(text -> "● " + text));
        main.connectionProperty().addListener((obs, old, state) -> {
            connection.getStyleClass().removeAll("conn-ok", "conn-warn", "conn-bad");
            connection.getStyleClass().add(state == ConnectionState.CONNECTED ? "conn-ok"
                    : state == ConnectionState.OFFLINE ? "conn-bad" : "conn-warn");
        });
        connection.getStyleClass().add("conn-warn");
        Label version = new Label();
        version.textProperty().bind(main.serverVersionProperty());
        Label note = new Label();
        note.getStyleClass().add("muted");
        note.textProperty().bind(main.startupNoteProperty());
        Label keys = new Label("Ctrl+N new run · Ctrl+Shift+C cancel · F5 refresh");
        keys.getStyleClass().add("muted");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(14, connection, version, note, grow, keys, darkTheme);
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 10, 4, 10));
        return bar;
    }

    private void showNotice(MainViewModel.Notice notice) {
        Label title = new Label(notice.title());
        title.getStyleClass().add("notice-title");
        Label text = new Label(notice.text());
        VBox card = new VBox(2, title, text);
        card.getStyleClass().addAll("notice", notice.failed() ? "notice-failed" : "notice-ok");
        card.setMaxWidth(360);
        noticeArea.getChildren().add(card);
        PauseTransition linger = new PauseTransition(Duration.seconds(6));
        linger.setOnFinished(event -> noticeArea.getChildren().remove(card));
        linger.play();
    }
}
