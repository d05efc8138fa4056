package io.djinnbot.console.costs;

import io.djinnbot.console.app.DirectTaskRunner;
import io.djinnbot.console.client.DjinnBotClient;
import io.djinnbot.console.testing.FixtureServer;
import io.djinnbot.console.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CostsViewModelTest {
    private FixtureServer server;
    private CostsViewModel viewModel;

    @BeforeEach
    void startServer() throws Exception {
        server = new FixtureServer();
        viewModel = new CostsViewModel(new DjinnBotClient(server.url()), new DirectTaskRunner());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void loadShowsDaysTotalsGroupsAndRecentCalls() {
        server.json("GET", "/v1/usage/history", Fixtures.text("usage-history.json"))
                .json("GET", "/v1/llm-calls/summary", Fixtures.text("usage-summary.json"))
                .json("GET", "/v1/llm-calls", Fixtures.text("llm-calls.json"));

        viewModel.load();

        assertThat(viewModel.days()).hasSize(3).last().satisfies(day -> {
            assertThat(day.date()).isEqualTo("2026-12-04");
            assertThat(day.callCount()).isPositive();
        });
        assertThat(viewModel.summaryProperty().get()).satisfies(summary -> {
            assertThat(summary.callCount()).isEqualTo(36);
            assertThat(summary.byProvider()).singleElement()
                    .satisfies(group -> assertThat(group.provider()).isEqualTo("offline"));
            assertThat(summary.byAgent()).extracting(group -> group.agentId()).contains("kai", "nadia");
        });
        assertThat(viewModel.recentCalls()).hasSize(3)
                .allSatisfy(call -> assertThat(call.runId()).isEqualTo(Fixtures.RUN_ID));
        assertThat(viewModel.messageProperty().get()).isEmpty();
        assertThat(server.requests()).extracting(request -> request.getUrl().queryParameter("days"))
                .contains("30");
    }

    @Test
    void serverWithoutCostRoutesSaysTheyAreNotAvailable() {
        viewModel.load();

        assertThat(viewModel.messageProperty().get()).isEqualTo(CostsViewModel.NOT_AVAILABLE);
        assertThat(viewModel.busyProperty().get()).isFalse();
        assertThat(viewModel.days()).isEmpty();
    }

    @Test
    void serverErrorIsShownInPlainWords() {
        server.route("GET", "/v1/usage/history", request -> FixtureServer.jsonResponse(500,
                "{\"detail\":\"Internal error (id 1f2e)\"}"));

        viewModel.load();

        assertThat(viewModel.messageProperty().get()).isEqualTo("Could not load the costs: Internal error (id 1f2e).");
    }
}
