package io.djinnbot.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.djinnbot.server.app.DjinnBotConfiguration;
import io.djinnbot.server.support.ApiClient;
import io.djinnbot.server.support.TestServers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs through the real server on loopback with the offline model at full speed. */
@ExtendWith(DropwizardExtensionsSupport.class)
class RunLifecycleTest {
    private static final Path DATA = tempDir("data");
    private static final Path PIPELINES = tempDir("pipelines");
    static final DropwizardAppExtension<DjinnBotConfiguration> APP = TestServers.app(DATA, PIPELINES, 0);

    private static ApiClient api;

    @BeforeAll
    static void connect() {
        api = new ApiClient(TestServers.baseUrl(APP));
    }

    @Test
    void engineeringRunCompletesWithEveryStepAndOneLoopPassPerTask() throws IOException {
        JsonNode created = api.post("/v1/runs", ApiClient.json(Map.of("pipeline_id", "engineering",
                "task_description", "Build a REST API for a todo app"))).body();
        String runId = created.path("id").asText();

        JsonNode run = api.awaitRun(runId, status -> !status.equals("pending") && !status.equals("running"),
                Duration.ofSeconds(60));

        assertThat(run.path("status").asText()).isEqualTo("completed");
        List<String> statuses = new ArrayList<>();
        run.path("steps").forEach(step ->
                statuses.add(step.path("step_id").asText() + "=" + step.path("status").asText()));
        assertThat(statuses).allMatch(entry -> entry.endsWith("=completed"));
        JsonNode implement = stepOf(run, "IMPLEMENT");
        JsonNode tasks = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(run.path("outputs").path("task_breakdown_json").asText());
        assertThat(implement.path("iterations").asInt()).isEqualTo(tasks.size()).isGreaterThan(1);
        try (Stream<Path> files = Files.walk(Path.of(run.path("workspace").asText()))) {
            assertThat(files.filter(Files::isRegularFile).count()).isGreaterThanOrEqualTo(tasks.size());
        }
    }

    @Test
    void streamReplaysARunInOrderAndResumesExactlyAfterAGivenId() {
        String runId = api.post("/v1/runs", ApiClient.json(Map.of("pipeline_id", "bugfix",
                "task_description", "Fix the login timeout"))).body().path("id").asText();
        api.awaitRun(runId, status -> status.equals("completed"), Duration.ofSeconds(60));

        List<ApiClient.SseEvent> all = api.readEvents("?run_id=" + runId, "0",
                event -> event.type().equals("run_complete"), Duration.ofSeconds(20));

        List<String> types = all.stream().map(ApiClient.SseEvent::type).toList();
        assertThat(types).containsSubsequence("run_created", "step_started", "agent_output", "step_complete",
                "run_complete");
        assertThat(all).extracting(ApiClient.SseEvent::id).isSorted().doesNotHaveDuplicates();
        assertThat(all).allSatisfy(event -> {
            assertThat(event.data().path("run_id").asText()).isEqualTo(runId);
            assertThat(event.data().path("id").asLong()).isEqualTo(event.id());
            assertThat(event.data().path("timestamp").asLong()).isPositive();
        });
        long tenth = all.get(9).id();
        List<ApiClient.SseEvent> resumed = api.readEvents("?run_id=" + runId, Long.toString(tenth),
                event -> event.type().equals("run_complete"), Duration.ofSeconds(20));
        assertThat(resumed).extracting(ApiClient.SseEvent::id)
                .containsExactlyElementsOf(all.subList(10, all.size()).stream().map(ApiClient.SseEvent::id).toList());
        List<ApiClient.SseEvent> viaQuery = api.readEvents("?run_id=" + runId + "&after=" + tenth, null,
                event -> event.type().equals("run_complete"), Duration.ofSeconds(20));
        assertThat(viaQuery).extracting(ApiClient.SseEvent::id)
                .containsExactlyElementsOf(resumed.stream().map(ApiClient.SseEvent::id).toList());
    }

    @Test
    void restartOfAFailedRunRunsOnlyTheFailedStepOnwards() throws IOException {
        Files.writeString(PIPELINES.resolve("two-steps.yml"), twoStepPipeline("custom-nowhere/model-x"));
        String runId = api.post("/v1/runs", ApiClient.json(Map.of("pipeline_id", "two-steps",
                "task_description", "Write a haiku"))).body().path("id").asText();
        JsonNode failed = api.awaitRun(runId, status -> status.equals("failed"), Duration.ofSeconds(30));
        assertThat(failed.path("error").asText()).contains("SECOND");
        assertThat(stepOf(failed, "FIRST").path("status").asText()).isEqualTo("completed");
        assertThat(stepOf(failed, "SECOND").path("status").asText()).isEqualTo("failed");

        Files.writeString(PIPELINES.resolve("two-steps.yml"), twoStepPipeline("offline/simulated"));
        JsonNode restarted = api.post("/v1/runs/" + runId + "/restart", "{\"context\": \"model fixed\"}").body();
        JsonNode done = api.awaitRun(runId, status -> status.equals("completed"), Duration.ofSeconds(30));

        assertThat(restarted.path("status").asText()).isIn("pending", "running", "completed");
        assertThat(stepOf(done, "FIRST").path("iterations").asInt()).isEqualTo(1);
        assertThat(stepOf(done, "SECOND").path("status").asText()).isEqualTo("completed");
        List<ApiClient.SseEvent> events = api.readEvents("?run_id=" + runId, "0",
                event -> event.type().equals("run_complete"), Duration.ofSeconds(20));
        assertThat(events.stream().filter(e -> e.type().equals("step_started")
                && e.data().path("step_id").asText().equals("FIRST")).count()).isEqualTo(1);
    }

    @Test
    void badRequestsGetClearAnswersAndLeaveNoRunBehind() {
        int before = api.get("/v1/runs?limit=500").body().size();

        ApiClient.Reply unknown = api.post("/v1/runs", "{\"pipeline_id\": \"nope\", \"task_description\": \"x\"}");
        ApiClient.Reply malformed = api.post("/v1/runs", "{\"pipeline_id\": ");
        ApiClient.Reply missing = api.post("/v1/runs", "{\"pipeline_id\": \"engineering\"}");
        ApiClient.Reply wrongType = api.post("/v1/runs", "{\"pipeline_id\": 7, \"task_description\": \"x\"}");
        ApiClient.Reply noRun = api.get("/v1/runs/run_000000000000");
        ApiClient.Reply badStatus = api.get("/v1/runs?status=exploded");
        ApiClient.Reply badLimit = api.get("/v1/runs?limit=abc");
        ApiClient.Reply unknownField = api.post("/v1/runs",
                "{\"pipeline_id\": \"engineering\", \"task\": \"x\", \"model\": \"offline/simulated\"}");
        ApiClient.Reply streamOfNoRun = api.get("/v1/events/stream?run_id=run_nope");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("detail").asText()).contains("nope");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().path("detail").asText()).contains("malformed JSON");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().path("detail").asText()).contains("task_description");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body().path("detail").asText()).contains("pipeline_id");
        assertThat(noRun.status()).isEqualTo(404);
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.body().path("detail").asText()).contains("exploded");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.body().path("detail").asText()).contains("limit");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.body().path("detail").asText()).contains("'model'", "model_override");
        assertThat(streamOfNoRun.status()).isEqualTo(404);
        assertThat(api.get("/v1/runs?limit=500").body().size()).isEqualTo(before);
    }

    @Test
    void templateVariableNothingSuppliesIsRejectedByName() throws IOException {
        Files.writeString(PIPELINES.resolve("needs-repo.yml"), """
                id: needs-repo
                name: Needs a repository
                version: "1.0.0"
                agents:
                  - {id: kai, name: Kai}
                steps:
                  - id: CLONE
                    agent: kai
                    input: "Clone {{repository_url}} and describe {{task_description}}"
                    outputs: [summary]
                """);

        ApiClient.Reply reply = api.post("/v1/runs", "{\"pipeline_id\": \"needs-repo\", \"task_description\": \"x\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("detail").asText()).contains("repository_url");
    }

    @Test
    void finishedRunsRefuseCancelAndRestartWithConflict() {
        String runId = api.post("/v1/runs", "{\"pipeline_id\": \"execute\", \"task\": \"Say hello\"}")
                .body().path("id").asText();
        api.awaitRun(runId, status -> status.equals("completed"), Duration.ofSeconds(30));

        ApiClient.Reply cancel = api.post("/v1/runs/" + runId + "/cancel", "");
        ApiClient.Reply restart = api.post("/v1/runs/" + runId + "/restart", "");

        assertThat(cancel.status()).isEqualTo(409);
        assertThat(restart.status()).isEqualTo(409);
        assertThat(api.get("/v1/runs/" + runId).body().path("status").asText()).isEqualTo("completed");
    }

    @Test
    void stepRoutesServeTheFullOutputAndTheAlias() {
        String runId = api.post("/v1/runs", "{\"pipeline_id\": \"execute\", \"task\": \"Summarise the README\"}")
                .body().path("id").asText();
        api.awaitRun(runId, status -> status.equals("completed"), Duration.ofSeconds(30));

        JsonNode steps = api.get("/v1/steps/" + runId).body();
        JsonNode alias = api.get("/v1/runs/" + runId + "/steps").body();
        JsonNode output = api.get("/v1/steps/" + runId + "/EXECUTE/output").body();
        ApiClient.Reply unknownStep = api.get("/v1/steps/" + runId + "/NOPE");

        assertThat(steps).isEqualTo(alias);
        assertThat(output.path("output").asText()).isNotBlank();
        List<ApiClient.SseEvent> events = api.readEvents("?run_id=" + runId, "0",
                event -> event.type().equals("run_complete"), Duration.ofSeconds(20));
        String streamed = events.stream().filter(e -> e.type().equals("agent_output"))
                .map(e -> e.data().path("chunk").asText()).reduce("", String::concat);
        assertThat(output.path("output").asText()).isEqualTo(streamed);
        assertThat(unknownStep.status()).isEqualTo(404);
    }

    @Test
    void workspaceFilesAreListedAndReadableButNothingOutsideIt() {
        String runId = api.post("/v1/runs", "{\"pipeline_id\": \"execute\", \"task\": \"Write a limerick\"}")
                .body().path("id").asText();
        api.awaitRun(runId, status -> status.equals("completed"), Duration.ofSeconds(30));

        JsonNode files = api.get("/v1/runs/" + runId + "/files").body().path("files");
        String first = files.get(0).path("path").asText();
        JsonNode content = api.get("/v1/runs/" + runId + "/files/content?path=" + first).body();
        ApiClient.Reply escape = api.get("/v1/runs/" + runId + "/files/content?path=../../../../etc/hostname");
        ApiClient.Reply missing = api.get("/v1/runs/" + runId + "/files/content?path=nope.txt");

        assertThat(files.size()).isPositive();
        assertThat(content.path("content").asText()).isNotBlank();
        assertThat(content.path("size").asLong()).isEqualTo(files.get(0).path("size").asLong());
        assertThat(escape.status()).isEqualTo(400);
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void originalDjinnBotPipelineAndAgentFolderLoadAndRunUnchanged() throws IOException {
        Path agent = TestServers.agentsDir(PIPELINES).resolve("finn");
        Files.createDirectories(agent);
        Files.writeString(agent.resolve("IDENTITY.md"), """
                # Finn
                - **Name:** Finn
                - **Role:** Solutions Architect
                - **Emoji:** 🏗️
                """);
        Files.writeString(agent.resolve("SOUL.md"), "Finn prefers boring technology that works.\n");
        Files.writeString(agent.resolve("AGENTS.md"), "Work with the team.\n");
        Files.writeString(agent.resolve("DECISION.md"), "Decide with data.\n");
        Files.writeString(agent.resolve("config.yml"), "model: openrouter/moonshotai/kimi-k2.5\nthinking_level: low\n");
        Files.writeString(PIPELINES.resolve("plan-build.yml"), """
                id: plan-build
                name: Plan and Build
                version: 1.0
                description: plan, build each item, check each item, finish
                defaults:
                  model: openrouter/moonshotai/kimi-k2.5
                  tools: [read, write, bash]
                  maxRetries: 1
                  timeout: 600
                agents:
                  - id: finn
                    name: Finn
                    persona: agents/finn
                    tools: [read, write]
                steps:
                  - id: PLAN
                    agent: finn
                    input: "Split into tasks: {{task_description}}. Output ITEMS_JSON as a JSON array."
                    outputs: [items_json]
                    onComplete: BUILD
                  - id: BUILD
                    agent: finn
                    type: loop
                    dependsOn: [PLAN]
                    input: "Do {{current_item}} (done: {{completed_items}})"
                    outputs: [summary]
                    loop: {over: items_json, onEachComplete: CHECK, onAllComplete: WRAP}
                  - id: CHECK
                    agent: finn
                    input: "Review {{summary}}. Set REVIEW_RESULT to APPROVED or CHANGES_REQUESTED."
                    outputs: [review_result]
                    onResult:
                      APPROVED: {continueLoop: true}
                      CHANGES_REQUESTED: {goto: BUILD}
                  - id: WRAP
                    agent: finn
                    input: "Summarise {{task_description}}"
                    outputs: [report]
                """);

        JsonNode agentView = api.get("/v1/agents/finn").body();
        JsonNode pipeline = api.get("/v1/pipelines/plan-build").body();
        String runId = api.post("/v1/runs", ApiClient.json(Map.of("pipeline_id", "plan-build",
                "task_description", "Ship a URL shortener", "model_override", "offline/simulated")))
                .body().path("id").asText();
        JsonNode run = api.awaitRun(runId, status -> !status.equals("pending") && !status.equals("running"),
                Duration.ofSeconds(60));

        assertThat(agentView.path("name").asText()).isEqualTo("Finn");
        assertThat(agentView.path("role").asText()).isEqualTo("Solutions Architect");
        assertThat(pipeline.path("version").asText()).isEqualTo("1.0");
        assertThat(run.path("status").asText()).isEqualTo("completed");
        assertThat(stepOf(run, "BUILD").path("iterations").asInt()).isEqualTo(3);
        assertThat(stepOf(run, "CHECK").path("iterations").asInt()).isEqualTo(3);
        assertThat(stepOf(run, "WRAP").path("status").asText()).isEqualTo("completed");
    }

    @Test
    void statusReportsHealthAndCounts() {
        JsonNode status = api.get("/v1/status").body();

        assertThat(status.path("status").asText()).isEqualTo("ok");
        assertThat(status.path("redis_connected").asBoolean()).isFalse();
        assertThat(status.path("journal_mode").asText()).isEqualTo("wal");
        assertThat(status.path("total_pipelines").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(status.path("total_agents").asInt()).isGreaterThanOrEqualTo(7);
    }

    static JsonNode stepOf(JsonNode run, String stepId) {
        for (JsonNode step : run.path("steps")) {
            if (step.path("step_id").asText().equals(stepId)) {
                return step;
            }
        }
        throw new AssertionError("no step " + stepId + " in " + run);
    }

    static String twoStepPipeline(String secondModel) {
        return """
                id: two-steps
                name: Two steps
                version: "1.0.0"
                defaults:
                  maxRetries: 0
                agents:
                  - {id: nadia, name: Nadia}
                  - {id: kai, name: Kai}
                steps:
                  - id: FIRST
                    agent: nadia
                    input: "Plan: {{task_description}}"
                    outputs: [plan]
                    onComplete: SECOND
                  - id: SECOND
                    agent: kai
                    model: %s
                    input: "Do it: {{plan}}"
                    outputs: [result]
                """.formatted(secondModel);
    }

    static Path tempDir(String name) {
        try {
            return Files.createTempDirectory("djinnbot-" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
