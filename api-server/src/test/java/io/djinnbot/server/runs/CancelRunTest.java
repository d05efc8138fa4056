package io.djinnbot.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.djinnbot.server.app.DjinnBotConfiguration;
import io.djinnbot.server.support.ApiClient;
import io.djinnbot.server.support.TestServers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Cancel against a paced offline model, so that a step is really in flight. */
@ExtendWith(DropwizardExtensionsSupport.class)
class CancelRunTest {
    private static final Path DATA = RunLifecycleTest.tempDir("cancel-data");
    private static final Path PIPELINES = RunLifecycleTest.tempDir("cancel-pipelines");
    static final DropwizardAppExtension<DjinnBotConfiguration> APP = TestServers.app(DATA, PIPELINES, 50);

    private static ApiClient api;

    @BeforeAll
    static void connect() {
        api = new ApiClient(TestServers.baseUrl(APP));
    }

    @Test
    void cancelDuringAStepEndsCancelledAtOnceAndStaysCancelled() {
        String runId = api.post("/v1/runs", ApiClient.json(Map.of("pipeline_id", "engineering",
                "task_description", "Build a CLI for notes"))).body().path("id").asText();
        api.readEvents("?run_id=" + runId, "0", event -> event.type().equals("agent_output"), Duration.ofSeconds(20));

        long started = System.nanoTime();
        ApiClient.Reply reply = api.post("/v1/runs/" + runId + "/cancel", "");
        JsonNode run = api.awaitRun(runId, status -> status.equals("cancelled"), Duration.ofSeconds(1));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(reply.status()).isEqualTo(200);
        assertThat(elapsedMillis).isLessThan(1_000);
        ApiClient.sleep(1_500);
        JsonNode later = api.get("/v1/runs/" + runId).body();
        assertThat(later.path("status").asText()).isEqualTo("cancelled");
        assertThat(later.path("steps")).noneMatch(step -> step.path("status").asText().equals("running"));
        List<ApiClient.SseEvent> events = api.readEvents("?run_id=" + runId, "0",
                event -> event.type().equals("run_cancelled"), Duration.ofSeconds(10));
        assertThat(events).extracting(ApiClient.SseEvent::type).contains("step_cancelled", "run_cancelled");
        assertThat(run.path("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void restartOfACancelledRunContinuesToCompletion() {
        String runId = api.post("/v1/runs", ApiClient.json(Map.of("pipeline_id", "bugfix",
                "task_description", "Fix the off-by-one in pagination"))).body().path("id").asText();
        api.readEvents("?run_id=" + runId, "0", event -> event.type().equals("agent_output"), Duration.ofSeconds(20));
        api.post("/v1/runs/" + runId + "/cancel", "");
        api.awaitRun(runId, status -> status.equals("cancelled"), Duration.ofSeconds(2));

        ApiClient.Reply restart = api.post("/v1/runs/" + runId + "/restart", "{}");
        JsonNode done = api.awaitRun(runId, status -> status.equals("completed") || status.equals("failed"),
                Duration.ofSeconds(60));

        assertThat(restart.status()).isEqualTo(200);
        assertThat(done.path("status").asText()).isEqualTo("completed");
    }

    @Test
    void restartOfARunningRunIsAConflict() {
        String runId = api.post("/v1/runs", ApiClient.json(Map.of("pipeline_id", "engineering",
                "task_description", "Build a calendar"))).body().path("id").asText();
        api.readEvents("?run_id=" + runId, "0", event -> event.type().equals("step_started"), Duration.ofSeconds(20));

        ApiClient.Reply restart = api.post("/v1/runs/" + runId + "/restart", "");
        ApiClient.Reply delete = api.delete("/v1/runs/" + runId);

        assertThat(restart.status()).isEqualTo(409);
        assertThat(delete.status()).isEqualTo(409);
        api.post("/v1/runs/" + runId + "/cancel", "");
        assertThat(api.delete("/v1/runs/" + runId).status()).isEqualTo(200);
        assertThat(api.get("/v1/runs/" + runId).status()).isEqualTo(404);
    }
}
