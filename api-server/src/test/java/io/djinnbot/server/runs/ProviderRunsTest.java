package io.djinnbot.server.runs;

import static io.djinnbot.server.support.FakeProvider.OPENAI_DONE;
import static io.djinnbot.server.support.FakeProvider.anthropicEnd;
import static io.djinnbot.server.support.FakeProvider.anthropicStart;
import static io.djinnbot.server.support.FakeProvider.anthropicText;
import static io.djinnbot.server.support.FakeProvider.anthropicToolUse;
import static io.djinnbot.server.support.FakeProvider.openAiFinish;
import static io.djinnbot.server.support.FakeProvider.openAiText;
import static io.djinnbot.server.support.FakeProvider.openAiToolCall;
import static io.djinnbot.server.support.FakeProvider.openAiUsage;
import static io.djinnbot.server.support.FakeProvider.pieces;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.djinnbot.server.app.DjinnBotConfiguration;
import io.djinnbot.server.support.ApiClient;
import io.djinnbot.server.support.FakeProvider;
import io.djinnbot.server.support.TestServers;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Whole runs against fake providers on loopback: an OpenAI-compatible server registered as
 * {@code custom-fake}, an Anthropic server behind {@code ANTHROPIC_BASE_URL}, and a provider that only
 * answers 429.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ProviderRunsTest {
    static final String CANARY = "sk-canary-7f3e9a1b2c4d5e6f";
    static final String ANTHROPIC_CANARY = "sk-ant-canary-1a2b3c4d5e6f7a8b";
    static final String ENGINE_TOKEN = "engine-token-for-tests";
    private static final Path DATA = tempDir("data");
    private static final Path PIPELINES = tempDir("pipelines");
    private static final FakeProvider OPENAI = fake();
    private static final FakeProvider ANTHROPIC = fake();
    private static final FakeProvider BUSY = fake();
    static final DropwizardAppExtension<DjinnBotConfiguration> APP = TestServers.app(DATA, PIPELINES, 0,
            ConfigOverride.config("providers.env.CUSTOM_FAKE_BASE_URL", OPENAI.baseUrl() + "/v1"),
            ConfigOverride.config("providers.env.CUSTOM_FAKE_API_KEY", CANARY),
            ConfigOverride.config("providers.env.ANTHROPIC_BASE_URL", ANTHROPIC.baseUrl()),
            ConfigOverride.config("providers.env.ANTHROPIC_API_KEY", ANTHROPIC_CANARY),
            ConfigOverride.config("providers.env.CUSTOM_BUSY_BASE_URL", BUSY.baseUrl() + "/v1"),
            ConfigOverride.config("providers.env.OPENAI_API_KEY", ""),
            ConfigOverride.config("providers.maxAttempts", "3"),
            ConfigOverride.config("providers.backoffBaseMillis", "20"),
            ConfigOverride.config("providers.engineToken", ENGINE_TOKEN));

    private static ApiClient api;

    @BeforeAll
    static void connect() throws IOException {
        api = new ApiClient(TestServers.baseUrl(APP));
        Files.writeString(PIPELINES.resolve("provider-check.yml"), """
                id: provider-check
                name: Provider check
                version: "1.0.0"
                defaults:
                  maxRetries: 2
                agents:
                  - {id: kai, name: Kai}
                steps:
                  - id: BUILD
                    agent: kai
                    input: "Write hello.txt for: {{task_description}}"
                    outputs: [result]
                """);
        OPENAI.fallback(ProviderRunsTest::openAiAgent);
        ANTHROPIC.fallback(ProviderRunsTest::anthropicAgent);
        BUSY.fallback(request -> FakeProvider.status(429, Map.of("Retry-After", "0"),
                "{\"error\":{\"message\":\"Rate limit reached\"}}"));
    }

    @AfterAll
    static void closeFakes() throws IOException {
        OPENAI.close();
        ANTHROPIC.close();
        BUSY.close();
    }

    /** Writes hello.txt on the first turn, completes once the tool result is back. */
    private static FakeProvider.Reply openAiAgent(FakeProvider.Recorded request) {
        JsonNode messages = request.json().path("messages");
        String lastRole = messages.get(messages.size() - 1).path("role").asText();
        if (lastRole.equals("tool")) {
            return FakeProvider.stream(pieces(openAiToolCall(0, "call_2", "complete",
                    "{\"outputs\":{\"result\":\"wrote hello.txt\"},\"summary\":\"done\"}"), openAiFinish("tool_calls"),
                    openAiUsage(140, 25), OPENAI_DONE));
        }
        return FakeProvider.stream(pieces(openAiText("Writing the file – ünïcode ✓"),
                openAiToolCall(0, "call_1", "write", "{\"path\":\"hello.txt\",\"content\":\"héllo wörld\\n\"}"),
                openAiFinish("tool_calls"), openAiUsage(100, 20), OPENAI_DONE));
    }

    private static FakeProvider.Reply anthropicAgent(FakeProvider.Recorded request) {
        JsonNode messages = request.json().path("messages");
        JsonNode last = messages.get(messages.size() - 1).path("content");
        boolean afterTool = last.isArray() && last.get(0).path("type").asText().equals("tool_result");
        if (afterTool) {
            return FakeProvider.stream(pieces(anthropicStart(300), anthropicToolUse(0, "toolu_2", "complete",
                    "{\"outputs\":{\"result\":\"wrote hello.txt\"}}"), anthropicEnd("tool_use", 15)));
        }
        return FakeProvider.stream(pieces(anthropicStart(200), anthropicText(0, "On it."),
                anthropicToolUse(1, "toolu_1", "write", "{\"path\":\"hello.txt\",\"content\":\"from claude\"}"),
                anthropicEnd("tool_use", 30)));
    }

    private static String startRun(String model) {
        return api.post("/v1/runs", ApiClient.json(Map.of("pipeline_id", "provider-check",
                "task_description", "a greeting", "model_override", model))).body().path("id").asText();
    }

    @Test
    void openAiCompatibleRunWritesTheFileAndRecordsEachCall() throws IOException {
        String runId = startRun("custom-fake/llama-3");

        JsonNode run = api.awaitRun(runId, status -> !status.equals("pending") && !status.equals("running"),
                Duration.ofSeconds(30));

        assertThat(run.path("status").asText()).isEqualTo("completed");
        assertThat(run.path("outputs").path("result").asText()).isEqualTo("wrote hello.txt");
        assertThat(Files.readString(Path.of(run.path("workspace").asText()).resolve("hello.txt")))
                .isEqualTo("héllo wörld\n");
        List<FakeProvider.Recorded> seen = OPENAI.requests().stream()
                .filter(r -> r.body().contains("a greeting")).toList();
        assertThat(seen).hasSize(2);
        JsonNode first = seen.getFirst().json();
        assertThat(first.path("model").asText()).isEqualTo("llama-3");
        assertThat(first.path("stream").asBoolean()).isTrue();
        assertThat(first.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(first.path("messages").get(0).path("content").asText()).contains("Kai");
        assertThat(first.path("tools").toString()).contains("\"write\"").contains("\"complete\"");
        JsonNode calls = api.get("/v1/llm-calls?run_id=" + runId).body();
        assertThat(calls.path("total").asInt()).isEqualTo(2);
        assertThat(calls.path("has_more").asBoolean()).isFalse();
        JsonNode newest = calls.path("calls").get(0);
        JsonNode oldest = calls.path("calls").get(1);
        assertThat(oldest.path("input_tokens").asLong()).isEqualTo(100);
        assertThat(oldest.path("output_tokens").asLong()).isEqualTo(20);
        assertThat(newest.path("input_tokens").asLong()).isEqualTo(140);
        assertThat(newest.path("provider").asText()).isEqualTo("custom-fake");
        assertThat(newest.path("key_source").asText()).isEqualTo("instance");
        assertThat(newest.path("key_masked").asText()).isEqualTo("sk-...5e6f");
        assertThat(newest.path("duration_ms").isIntegralNumber()).isTrue();
        assertThat(api.get("/v1/llm-calls/" + newest.path("id").asText()).body()).isEqualTo(newest);
        String output = api.get("/v1/steps/" + runId + "/BUILD/output").body().path("output").asText();
        assertThat(output).isEqualTo("Writing the file – ünïcode ✓");
        assertNoCanary(runId);
    }

    @Test
    void anthropicRunCompletesThroughToolUse() throws IOException {
        String runId = startRun("anthropic/claude-sonnet-4-5");

        JsonNode run = api.awaitRun(runId, status -> !status.equals("pending") && !status.equals("running"),
                Duration.ofSeconds(30));

        assertThat(run.path("status").asText()).isEqualTo("completed");
        assertThat(Files.readString(Path.of(run.path("workspace").asText()).resolve("hello.txt")))
                .isEqualTo("from claude");
        FakeProvider.Recorded first = ANTHROPIC.requests().stream().filter(r -> r.body().contains("a greeting"))
                .findFirst().orElseThrow();
        assertThat(first.json().path("system").asText()).contains("Kai");
        assertThat(first.json().path("stream").asBoolean()).isTrue();
        JsonNode summary = api.get("/v1/llm-calls/summary?run_id=" + runId).body();
        assertThat(summary.path("call_count").asInt()).isEqualTo(2);
        assertThat(summary.path("total_input_tokens").asLong()).isEqualTo(500);
        assertThat(summary.path("total_output_tokens").asLong()).isEqualTo(45);
        assertThat(summary.path("total_cost").asDouble()).isPositive();
        assertThat(summary.path("by_model").get(0).path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertNoCanary(runId);
    }

    @Test
    void providerWithoutKeyFailsTheStepAtOnceWithoutRetries() {
        String runId = startRun("openai/gpt-5");

        JsonNode run = api.awaitRun(runId, status -> status.equals("failed"), Duration.ofSeconds(30));

        JsonNode step = run.path("steps").get(0);
        assertThat(step.path("error").asText()).contains("openai").contains("OPENAI_API_KEY");
        assertThat(step.path("attempt").asInt()).isEqualTo(1);
        List<ApiClient.SseEvent> events = api.readEvents("?run_id=" + runId, "0",
                event -> event.type().equals("run_failed"), Duration.ofSeconds(10));
        assertThat(events).noneMatch(event -> event.type().equals("step_retrying"));
    }

    @Test
    void providerThatOnlyRateLimitsFailsWithARateLimitReasonAndRecordsEveryAttempt() {
        String runId = api.post("/v1/runs", ApiClient.json(Map.of("pipeline_id", "provider-check",
                "task_description", "busy", "model_override", "custom-busy/m"))).body().path("id").asText();

        JsonNode run = api.awaitRun(runId, status -> status.equals("failed"), Duration.ofSeconds(30));

        assertThat(run.path("steps").get(0).path("error").asText()).contains("rate limited");
        JsonNode calls = api.get("/v1/llm-calls?run_id=" + runId + "&limit=100").body();
        // three step attempts (maxRetries 2) of three HTTP attempts each
        assertThat(calls.path("total").asInt()).isEqualTo(9);
        assertThat(calls.path("calls")).allSatisfy(call -> {
            assertThat(call.path("input_tokens").isNull()).isTrue();
            assertThat(call.path("error").asText()).contains("429");
        });
    }

    @Test
    void plaintextKeysNeedTheEngineToken() {
        ApiClient.Reply anonymous = api.get("/v1/settings/providers/keys/all");

        assertThat(anonymous.status()).isEqualTo(403);
        assertThat(String.valueOf(anonymous.body())).doesNotContain(CANARY);
        JsonNode providers = api.get("/v1/settings/providers").body();
        assertThat(providers.toString()).doesNotContain(ANTHROPIC_CANARY);
        JsonNode anthropic = findProvider(providers, "anthropic");
        assertThat(anthropic.path("configured").asBoolean()).isTrue();
        assertThat(anthropic.path("masked_api_key").asText()).isEqualTo("sk-ant-c...7a8b");
    }

    private static JsonNode findProvider(JsonNode providers, String id) {
        for (JsonNode provider : providers) {
            if (provider.path("provider_id").asText().equals(id)) {
                return provider;
            }
        }
        throw new AssertionError("no provider " + id + " in " + providers);
    }

    private static void assertNoCanary(String runId) {
        List<ApiClient.SseEvent> events = api.readEvents("?run_id=" + runId, "0",
                event -> event.type().equals("run_complete") || event.type().equals("run_failed"),
                Duration.ofSeconds(10));
        assertThat(events).anyMatch(event -> event.type().equals("llm_call"));
        String everything = events.toString() + api.get("/v1/llm-calls?run_id=" + runId).body()
                + api.get("/v1/runs/" + runId).body() + api.get("/v1/settings/providers").body();
        assertThat(everything).doesNotContain(CANARY).doesNotContain(ANTHROPIC_CANARY);
    }

    private static FakeProvider fake() {
        try {
            return new FakeProvider();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir(String name) {
        try {
            return Files.createTempDirectory("djinnbot-providers-" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
