package io.djinnbot.console.newrun;

import java.util.ArrayList;
import java.util.List;

import io.djinnbot.console.app.DirectTaskRunner;
import io.djinnbot.console.client.DjinnBotClient;
import io.djinnbot.console.testing.FixtureServer;
import io.djinnbot.console.testing.Fixtures;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NewRunViewModelTest {
    private FixtureServer server;
    private NewRunViewModel viewModel;

    @BeforeEach
    void startServer() throws Exception {
        server = new FixtureServer().json("GET", "/v1/pipelines", Fixtures.text("pipelines.json"));
        viewModel = new NewRunViewModel(new DjinnBotClient(server.url()), new DirectTaskRunner());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void loadOffersEveryPipelineAndPicksTheFirst() {
        viewModel.load();

        assertThat(viewModel.pipelines()).extracting(pipeline -> pipeline.id())
                .containsExactly("bugfix", "engineering", "execute", "feature", "planning", "review");
        assertThat(viewModel.pipelineProperty().get().id()).isEqualTo("bugfix");
    }

    @Test
    void blankTaskCannotStartAndSaysWhy() {
        viewModel.load();
        viewModel.taskProperty().set("   ");
        List<String> started = new ArrayList<>();

        viewModel.start(started::add);

        assertThat(viewModel.canStartProperty().get()).isFalse();
        assertThat(viewModel.messageProperty().get()).isEqualTo("Describe the task first.");
        assertThat(started).isEmpty();
        assertThat(server.requests()).noneMatch(request -> request.getMethod().equals("POST"));
    }

    @Test
    void missingPipelineCannotStartAndSaysWhy() {
        viewModel.taskProperty().set("Fix the login bug");

        viewModel.start(id -> { });

        assertThat(viewModel.canStartProperty().get()).isFalse();
        assertThat(viewModel.messageProperty().get()).isEqualTo("Pick a pipeline first.");
    }

    @Test
    void startPostsTheFormAndLandsOnTheNewRun() {
        server.json("POST", "/v1/runs", """
                {"id":"run_new","pipeline_id":"engineering","task":"Build a todo API","status":"pending"}""");
        viewModel.load();
        viewModel.pipelineProperty().set(viewModel.pipelines().get(1));
        viewModel.taskProperty().set("  Build a todo API ");
        viewModel.contextProperty().set("Use SQLite");
        List<String> started = new ArrayList<>();

        viewModel.start(started::add);

        assertThat(started).containsExactly("run_new");
        RecordedRequest post = server.requests().stream().filter(request -> request.getMethod().equals("POST"))
                .findFirst().orElseThrow();
        assertThat(post.getBody().utf8()).isEqualTo(
                "{\"pipeline_id\":\"engineering\",\"task_description\":\"Build a todo API\","
                        + "\"human_context\":\"Use SQLite\"}");
        assertThat(viewModel.taskProperty().get()).isEmpty();
        assertThat(viewModel.busyProperty().get()).isFalse();
    }

    @Test
    void refusedStartKeepsTheFormAndShowsTheServersReason() {
        server.route("POST", "/v1/runs", request -> FixtureServer.jsonResponse(400,
                "{\"detail\":\"Pipeline 'gone' not found\"}"));
        viewModel.load();
        viewModel.taskProperty().set("Build it");
        List<String> started = new ArrayList<>();

        viewModel.start(started::add);

        assertThat(started).isEmpty();
        assertThat(viewModel.taskProperty().get()).isEqualTo("Build it");
        assertThat(viewModel.messageProperty().get()).contains("Pipeline 'gone' not found");
    }
}
