package io.djinnbot.console.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

import io.djinnbot.console.agents.AgentsView;
import io.djinnbot.console.agents.AgentsViewModel;
import io.djinnbot.console.client.ApiException;
import io.djinnbot.console.client.DjinnBotClient;
import io.djinnbot.console.client.EventStream;
import io.djinnbot.console.costs.CostsView;
import io.djinnbot.console.costs.CostsViewModel;
import io.djinnbot.console.newrun.NewRunView;
import io.djinnbot.console.newrun.NewRunViewModel;
import io.djinnbot.console.pipelines.PipelinesView;
import io.djinnbot.console.pipelines.PipelinesViewModel;
import io.djinnbot.console.rundetail.RunDetailView;
import io.djinnbot.console.rundetail.RunDetailViewModel;
import io.djinnbot.console.runs.RunsView;
import io.djinnbot.console.runs.RunsViewModel;
import io.djinnbot.model.Run;
import javafx.application.Application;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's entry point: wires the client, the event stream, the view models and the views, finds (or starts)
 * the server, and tears everything down when the window closes.
 */
public final class ConsoleApp extends Application {
    private static final Logger LOGGER = LoggerFactory.getLogger(ConsoleApp.class);

    private FxTaskRunner tasks;
    private EventStream stream;
    private RunDetailViewModel detail;
    private volatile LocalServer localServer;
    private Path settingsFile;
    private ConsoleSettings settings;

    /** Launches the console; {@code --server URL} names the server. */
    public static void main(String[] args) {
        launch(ConsoleApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        Map<String, String> env = System.getenv();
        settingsFile = ConsoleSettings.defaultFile(env);
        settings = ConsoleSettings.resolve(getParameters().getRaw(), env, settingsFile);
        tasks = new FxTaskRunner();
        DjinnBotClient client = new DjinnBotClient(settings.serverUrl());
        Scene scene = build(stage, client, env);
        stage.setTitle("DjinnBot console — " + settings.serverUrl());
        stage.setScene(scene);
        // Fit small screens: the window never starts larger than the screen's usable area.
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        stage.setWidth(Math.min(1360, screen.getWidth()));
        stage.setHeight(Math.min(860, screen.getHeight()));
        stage.show();
    }

    private Scene build(Stage stage, DjinnBotClient client, Map<String, String> env) {
        EventHub hub = new EventHub(tasks.uiThread());
        stream = new EventStream(client, null, -1, hub);

        MainViewModel main = new MainViewModel(client, tasks);
        RunsViewModel runs = new RunsViewModel(client, tasks);
        detail = new RunDetailViewModel(client, tasks, RunDetailViewModel.streamsOf(client, tasks));
        NewRunViewModel newRun = new NewRunViewModel(client, tasks);
        PipelinesViewModel pipelines = new PipelinesViewModel(client, tasks);
        CostsViewModel costs = new CostsViewModel(client, tasks);
        AgentsViewModel agents = new AgentsViewModel(client, tasks);
        hub.subscribe(runs::apply);
        hub.subscribe(main::apply);
        hub.subscribe(agents::apply);
        hub.subscribeState(main::connectionChanged);
        main.setOnReconnected(runs::refresh);

        MainView[] window = new MainView[1];
        Consumer<String> openRun = runId -> {
            detail.open(runId);
            window[0].showDetail();
        };
        RunsView runsView = new RunsView(runs, openRun, () -> window[0].showNewRun());
        RunDetailView detailView = new RunDetailView(detail, openRun);
        NewRunView newRunView = new NewRunView(newRun, openRun);
        window[0] = new MainView(main, runsView, detailView, newRunView, new PipelinesView(pipelines),
                new CostsView(costs), new AgentsView(agents));
        MainView view = window[0];

        DesktopNotifier notifier = new DesktopNotifier();
        main.notices().addListener((ListChangeListener<MainViewModel.Notice>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(notice -> notifier.send(notice.title(), notice.text()));
            }
        });

        Scene scene = new Scene(view);
        scene.getStylesheets().add(stylesheet("console.css"));
        view.darkThemeSwitch().setSelected(settings.darkTheme());
        applyTheme(scene, settings.darkTheme());
        view.darkThemeSwitch().selectedProperty().addListener((obs, old, dark) -> {
            applyTheme(scene, dark);
            settings = settings.withDarkTheme(dark);
            settings.save(settingsFile);
        });
        Runnable refresh = () -> {
            runs.refresh();
            if (view.isDetailShown()) {
                detail.reload();
            }
            pipelines.load();
            agents.load();
            costs.load();
            newRun.load();
        };
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN),
                view::showNewRun);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), refresh);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), refresh);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), () -> {
                    Run run = view.currentRun();
                    if (run != null) {
                        if (!view.isDetailShown()) {
                            detail.open(run.id());
                        }
                        detail.cancel();
                    }
                });
        Thread.currentThread().setUncaughtExceptionHandler((thread, error) -> showError(stage, error));

        main.setStartupNote("Looking for the server at " + settings.serverUrl() + "…");
        tasks.submit(() -> locate(client, env), note -> {
            main.setStartupNote(note);
            stream.start();
            refresh.run();
        }, failure -> {
            LOGGER.warn("server not found url={}", settings.serverUrl(), failure);
            main.setStartupNote(Messages.reason(failure).equals("the server does not answer.")
                    ? "No server answers at " + settings.serverUrl() + "; waiting for it."
                    : "Could not start the local server: " + failure.getMessage());
            stream.start();
            refresh.run();
        });
        return scene;
    }

    private String locate(DjinnBotClient client, Map<String, String> env) throws IOException, InterruptedException {
        try {
            client.status();
            return "";
        } catch (ApiException e) {
            return "The server answered " + e.error().status() + " to /v1/status.";
        } catch (IOException e) {
            if (!LocalServer.mayStartFor(settings)) {
                throw e;
            }
        }
        LocalServer started = LocalServer.start(settings, client, env);
        localServer = started;
        // Closing the window runs stop(); a SIGTERM or logout does not, so the server would outlive the console.
        Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-local-server"));
        return "Started a local server (log: " + started.log() + ").";
    }

    private void applyTheme(Scene scene, boolean dark) {
        String darkSheet = stylesheet("dark.css");
        scene.getStylesheets().remove(darkSheet);
        if (dark) {
            scene.getStylesheets().add(darkSheet);
        }
    }

    private static String stylesheet(String name) {
        return ConsoleApp.class.getResource(name).toExternalForm();
    }

    private static void showError(Stage owner, Throwable error) {
        LOGGER.error("unexpected error in the console", error);
        Alert alert = new Alert(Alert.AlertType.ERROR, "Something went wrong; the console may need a restart.");
        alert.initOwner(owner);
        TextArea details = new TextArea(String.valueOf(error));
        details.setEditable(false);
        alert.getDialogPane().setExpandableContent(details);
        alert.show();
    }

    @Override
    public void stop() {
        if (stream != null) {
            stream.close();
        }
        if (detail != null) {
            detail.close();
        }
        if (localServer != null) {
            localServer.close();
        }
        if (tasks != null) {
            tasks.close();
        }
    }

}
