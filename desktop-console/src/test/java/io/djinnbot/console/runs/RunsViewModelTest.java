package io.djinnbot.console.runs;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.djinnbot.console.app.DirectTaskRunner;
import io.djinnbot.console.client.DjinnBotClient;
import io.djinnbot.console.client.ServerEvent;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunsViewModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MockWebServer server = new MockWebServer();
    private RunsViewModel viewModel;

    @BeforeEach
    void startServer() throws Exception {
        server.start();
        viewModel = new RunsViewModel(new DjinnBotClient(server.url("/").toString()), new DirectTaskRunner());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void createdRunGoesFromPendingToCompletedThroughEventsAlone() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("""
                {"id":"run_1","pipeline_id":"bugfix","task":"Fix it","status":"pending",
                 "progress":{"done":0,"total":2},"total_tokens":0,"cost_total":0.0}""").build());
        server.enqueue(runAnswer("run_1", "running", 1, 2));
        server.enqueue(runAnswer("run_1", "running", 2, 2));

        viewModel.apply(List.of(
                event(1, "run_created", "{\"pipeline_id\":\"bugfix\",\"task_description\":\"Fix it\"}"),
                event(2, "step_started", "{\"step_id\":\"FIX\"}"),
                event(3, "llm_call", "{\"step_id\":\"FIX\",\"total_tokens\":1200,\"cost_total\":0.25}"),
                event(4, "step_complete", "{\"step_id\":\"FIX\"}"),
                event(5, "step_started", "{\"step_id\":\"VALIDATE\"}"),
                event(6, "step_complete", "{\"step_id\":\"VALIDATE\"}"),
                event(7, "run_complete", "{}")));

        assertThat(viewModel.visibleRuns()).singleElement().satisfies(run -> {
            assertThat(run.status()).isEqualTo("completed");
            assertThat(run.currentStep()).isEqualTo("VALIDATE");
            assertThat(run.progress().done()).isEqualTo(2);
            assertThat(run.progress().total()).isEqualTo(2);
            assertThat(run.totalTokens()).isEqualTo(1200);
            assertThat(run.costTotal()).isEqualTo(0.25);
            assertThat(run.durationMs()).isEqualTo(5000);
        });
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/runs/run_1");
    }

    @Test
    void loopStepCompletingOncePerItemCountsAsOneStepDone() throws Exception {
        server.enqueue(runAnswer("run_1", "pending", 0, 3));
        for (int i = 0; i < 3; i++) {
            server.enqueue(runAnswer("run_1", "running", 1, 3));
        }

        viewModel.apply(List.of(
                event(1, "run_created", "{\"pipeline_id\":\"engineering\",\"task_description\":\"Build\"}"),
                event(2, "step_complete", "{\"step_id\":\"IMPLEMENT\"}"),
                event(3, "step_complete", "{\"step_id\":\"IMPLEMENT\"}"),
                event(4, "step_complete", "{\"step_id\":\"IMPLEMENT\"}")));

        assertThat(viewModel.visibleRuns()).singleElement()
                .satisfies(run -> assertThat(run.progress().done()).isEqualTo(1));
    }

    private static MockResponse runAnswer(String id, String status, int done, int total) {
        return new MockResponse.Builder().code(200).body("""
                {"id":"%s","pipeline_id":"p","task":"t","status":"%s",
                 "progress":{"done":%d,"total":%d},"total_tokens":0,"cost_total":0.0}"""
                .formatted(id, status, done, total)).build();
    }

    @Test
    void statusFilterHidesOtherRunsAndKeepsLiveUpdates() throws Exception {
        server.enqueue(new MockResponse.Builder().code(500).body("{\"detail\":\"boom\"}").build());
        server.enqueue(new MockResponse.Builder().code(500).body("{\"detail\":\"boom\"}").build());
        viewModel.apply(List.of(event(1, "run_created", "{\"pipeline_id\":\"a\",\"task_description\":\"one\"}"),
                event(2, "run_created", "{\"pipeline_id\":\"b\",\"task_description\":\"two\"}")));

        viewModel.statusFilterProperty().set("running");
        viewModel.apply(List.of(event(3, "step_started", "{\"step_id\":\"S\"}", "run_2")));

        assertThat(viewModel.visibleRuns()).extracting(run -> run.id()).containsExactly("run_2");
        assertThat(viewModel.allRuns()).hasSize(2);
    }

    @Test
    void deletedEventRemovesTheRow() throws Exception {
        server.enqueue(new MockResponse.Builder().code(404).body("{\"detail\":\"gone\"}").build());
        viewModel.apply(List.of(event(1, "run_created", "{\"pipeline_id\":\"a\",\"task_description\":\"one\"}")));

        viewModel.apply(List.of(event(2, "run_deleted", "{}")));

        assertThat(viewModel.allRuns()).isEmpty();
    }

    @Test
    void failedRefreshShowsAPlainMessage() {
        server.enqueue(new MockResponse.Builder().code(503).body("{\"detail\":\"Server is starting\"}").build());

        viewModel.refresh();

        assertThat(viewModel.messageProperty().get()).isEqualTo("Could not load the runs: Server is starting.");
        assertThat(viewModel.busyProperty().get()).isFalse();
    }

    private static ServerEvent event(long id, String type, String json) throws Exception {
        return event(id, type, json, "run_1");
    }

    private static ServerEvent event(long id, String type, String json, String runId) throws Exception {
        var data = JSON.readTree(json);
        String stepId = data.has("step_id") ? data.get("step_id").asText() : null;
        String created = "run_created".equals(type) ? "run_" + id : runId;
        return new ServerEvent(id, type, created, stepId, null, 1000L * id, data);
    }
}
