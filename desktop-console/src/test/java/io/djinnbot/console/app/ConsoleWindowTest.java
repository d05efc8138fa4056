package io.djinnbot.console.app;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.djinnbot.console.testing.FixtureServer;
import io.djinnbot.console.testing.Fixtures;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import static io.djinnbot.console.testing.Fixtures.RUN_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens the real console window (headless Monocle glass) against a server that answers with the recorded run.
 */
class ConsoleWindowTest extends FxRobot {
    private FixtureServer server;
    private Application application;

    @BeforeEach
    void openWindow() throws Exception {
        server = new FixtureServer()
                .json("GET", "/v1/status", Fixtures.text("status.json"))
                .json("GET", "/v1/runs", Fixtures.text("runs.json"))
                .json("GET", "/v1/runs/" + RUN_ID, Fixtures.text("run.json"))
                .json("GET", "/v1/runs/" + RUN_ID + "/files", Fixtures.text("files.json"))
                .json("GET", "/v1/pipelines", Fixtures.text("pipelines.json"))
                .json("GET", "/v1/agents", Fixtures.text("agents.json"))
                .json("GET", "/v1/usage/history", Fixtures.text("usage-history.json"))
                .json("GET", "/v1/llm-calls/summary", Fixtures.text("usage-summary.json"))
                .json("GET", "/v1/llm-calls", Fixtures.text("llm-calls.json"));
        server.publish(Fixtures.runEvents());
        FxToolkit.registerPrimaryStage();
        application = FxToolkit.setupApplication(ConsoleApp.class, "--server", server.url());
    }

    @AfterEach
    void closeWindow() throws Exception {
        FxToolkit.cleanupApplication(application);
        FxToolkit.cleanupStages();
        server.close();
    }

    @Test
    void openingARunFromTheTableShowsItsStepsAndOutput() throws Exception {
        TableView<?> runs = lookup("#runs-table").queryTableView();
        waitUntil(() -> runs.getItems().size() == 1);
        assertThat(lookup("#connection-state").queryAs(Label.class).getText()).endsWith("Connected");

        interact(() -> runs.getSelectionModel().select(0));
        interact(() -> lookup("Open").queryButton().fire());

        TableView<?> steps = lookup("#steps-table").queryTableView();
        TextArea output = lookup("#step-output").queryAs(TextArea.class);
        waitUntil(() -> steps.getItems().size() == 6 && !output.getText().isEmpty());
        assertThat(lookup("#run-status").queryLabeled().getText()).contains("completed");
        assertThat(output.getText()).startsWith("This is a simulated offline agent");
    }

    @Test
    void startingARunFromTheNewRunScreenLandsOnThatRun() throws Exception {
        server.json("POST", "/v1/runs", Fixtures.text("run.json").replace("\"status\":\"completed\"",
                "\"status\":\"pending\""));
        waitUntil(() -> server.requests().stream().anyMatch(request -> isGet(request, "/v1/pipelines")));

        interact(() -> lookup("New run…").queryButton().fire());
        interact(() -> lookup("#task-input").queryTextInputControl().setText("Build a REST API for a todo app"));
        interact(() -> lookup("#start-run").queryButton().fire());

        waitUntil(() -> server.requests().stream().anyMatch(request -> request.getMethod().equals("POST")));
        TableView<?> steps = lookup("#steps-table").queryTableView();
        waitUntil(() -> steps.getItems().size() == 6);
        RecordedRequest post = server.requests().stream().filter(request -> request.getMethod().equals("POST"))
                .findFirst().orElseThrow();
        assertThat(post.getBody().utf8()).contains("\"task_description\":\"Build a REST API for a todo app\"");
        assertThat(lookup("#run-detail-view").query().isVisible()).isTrue();
    }

    private static boolean isGet(RecordedRequest request, String path) {
        return request.getMethod().equals("GET") && request.getUrl().encodedPath().equals(path);
    }

    private static void waitUntil(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
    }
}
