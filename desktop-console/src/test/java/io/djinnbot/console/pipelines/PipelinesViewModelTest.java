package io.djinnbot.console.pipelines;

import com.fasterxml.jackson.databind.node.TextNode;
import io.djinnbot.console.app.DirectTaskRunner;
import io.djinnbot.console.client.DjinnBotClient;
import io.djinnbot.console.pipelines.PipelinesViewModel.Problem;
import io.djinnbot.console.testing.FixtureServer;
import io.djinnbot.console.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PipelinesViewModelTest {
    private FixtureServer server;
    private PipelinesViewModel viewModel;

    @BeforeEach
    void startServer() throws Exception {
        String raw = Fixtures.text("bugfix.yml");
        server = new FixtureServer()
                .json("GET", "/v1/pipelines", Fixtures.text("pipelines.json"))
                .json("GET", "/v1/pipelines/bugfix/raw", "{\"yaml\":" + quote(raw) + "}");
        viewModel = new PipelinesViewModel(new DjinnBotClient(server.url()), new DirectTaskRunner());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void invalidPipelineShowsEachProblemOnItsLine() {
        server.json("POST", "/v1/pipelines/bugfix/validate", """
                {"valid":false,
                 "errors":[{"path":"steps[1].agent","message":"unknown agent 'tomas2'"}],
                 "warnings":[{"path":"defaults.timeoutSeconds","message":"long timeout"}]}""");

        viewModel.load();

        assertThat(viewModel.selectedProperty().get().id()).isEqualTo("bugfix");
        assertThat(viewModel.graphProperty().get().steps()).containsExactly("FIX", "VALIDATE");
        assertThat(viewModel.problems()).containsExactly(
                new Problem("steps[1].agent", "unknown agent 'tomas2'", 45, true),
                new Problem("defaults.timeoutSeconds", "long timeout", 9, false));
        assertThat(viewModel.messageProperty().get()).isEqualTo("Invalid: 1 error(s).");
    }

    @Test
    void refusedSaveKeepsTheTextAndPlacesTheServersProblems() {
        server.json("POST", "/v1/pipelines/bugfix/validate", "{\"valid\":true,\"errors\":[],\"warnings\":[]}");
        server.route("PUT", "/v1/pipelines/bugfix", request -> FixtureServer.jsonResponse(400, """
                {"detail":"Pipeline is invalid","errors":[{"path":"steps[0].agent","message":"unknown agent"}]}"""));
        viewModel.load();
        String edited = viewModel.yamlProperty().get().replace("agent: kai", "agent: nobody");
        viewModel.yamlProperty().set(edited);

        viewModel.save();

        assertThat(viewModel.yamlProperty().get()).isEqualTo(edited);
        assertThat(viewModel.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(17);
            assertThat(edited.split("\n")[problem.line()]).isEqualTo("    agent: nobody");
        });
        assertThat(viewModel.messageProperty().get()).isEqualTo("Not saved: Pipeline is invalid");
    }

    private static String quote(String text) {
        return new TextNode(text).toString();
    }
}
