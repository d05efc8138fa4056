package io.djinnbot.server.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.djinnbot.server.app.DjinnBotConfiguration;
import io.djinnbot.server.support.ApiClient;
import io.djinnbot.server.support.TestServers;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Settings, provider keys, user keys, call logs and usage through the real server. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SettingsRoutesTest {
    private static final String KEY = "sk-or-v1-secretsecretsecret9876";
    private static final String TOKEN = "engine-token-settings";
    private static final Path DATA = tempDir("data");
    static final DropwizardAppExtension<DjinnBotConfiguration> APP = TestServers.app(DATA, tempDir("pipelines"), 0,
            ConfigOverride.config("providers.engineToken", TOKEN),
            ConfigOverride.config("providers.env.OPENROUTER_API_KEY", ""));

    private static ApiClient api;

    @BeforeAll
    static void connect() {
        api = new ApiClient(TestServers.baseUrl(APP));
    }

    @Test
    void storedProviderKeyIsEncryptedAtRestAndMaskedInResponses() throws Exception {
        JsonNode saved = api.put("/v1/settings/providers/openrouter", "{\"api_key\": \"" + KEY + "\"}").body();

        assertThat(saved.path("masked_api_key").asText()).isEqualTo("sk-or-v1...9876");
        assertThat(saved.path("configured").asBoolean()).isTrue();
        assertThat(api.get("/v1/settings/providers").body().toString()).doesNotContain(KEY);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + DATA.resolve("djinnbot.db"));
             ResultSet rs = db.createStatement().executeQuery(
                     "SELECT api_key FROM provider_keys WHERE provider_id = 'openrouter'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isNotBlank().doesNotContain(KEY);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DATA.resolve("secret.key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void plaintextKeysNeedTheEngineTokenAndThenShowSources() throws Exception {
        api.put("/v1/settings/providers/openrouter", "{\"api_key\": \"" + KEY + "\"}");
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create(TestServers.baseUrl(APP) + "/v1/settings/providers/keys/all");

        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer nope")
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> right = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + TOKEN)
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).doesNotContain(KEY);
        assertThat(right.statusCode()).isEqualTo(200);
        JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(right.body());
        assertThat(body.path("keys").path("openrouter").asText()).isEqualTo(KEY);
        assertThat(body.path("key_sources").path("openrouter").path("masked_key").asText()).isEqualTo("sk-...9876");
    }

    @Test
    void userProviderKeysCanBeSetReadAndDeleted() {
        JsonNode saved = api.put("/v1/settings/user-providers/anthropic",
                "{\"apiKey\": \"sk-ant-mine-0000000000001234\"}").body();
        JsonNode listed = api.get("/v1/settings/user-providers").body();
        ApiClient.Reply unknown = api.put("/v1/settings/user-providers/nonsense", "{\"api_key\": \"x\"}");
        JsonNode deleted = api.delete("/v1/settings/user-providers/anthropic").body();
        ApiClient.Reply gone = api.get("/v1/settings/user-providers/anthropic");

        assertThat(saved.path("masked_api_key").asText()).isEqualTo("sk-ant-m...1234");
        assertThat(listed.toString()).contains("anthropic").doesNotContain("0000000000001234");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(deleted.path("status").asText()).isEqualTo("ok");
        assertThat(gone.status()).isEqualTo(404);
    }

    @Test
    void globalSettingsFallBackToDefaultsAndRejectUnknownKeys() {
        JsonNode defaults = api.get("/v1/settings").body();
        JsonNode saved = api.put("/v1/settings", "{\"defaultWorkingModel\": \"anthropic/claude-sonnet-4-5\", "
                + "\"pulse_enabled\": false}").body();
        JsonNode read = api.get("/v1/settings").body();
        ApiClient.Reply unknown = api.put("/v1/settings", "{\"colour\": \"blue\"}");

        assertThat(defaults.path("default_working_model").asText()).isEqualTo("offline/simulated");
        assertThat(saved.path("default_working_model").asText()).isEqualTo("anthropic/claude-sonnet-4-5");
        assertThat(read.path("pulse_enabled").asBoolean()).isFalse();
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("detail").asText()).contains("colour");
    }

    @Test
    void storedDefaultWorkingModelRunsStepsAndPartialUpdatesKeepOtherSettings() {
        api.put("/v1/settings", "{\"default_working_model\": \"offline/from-settings\"}");
        api.put("/v1/settings", "{\"pulse_enabled\": true}");
        String runId = api.post("/v1/runs", "{\"pipeline_id\": \"execute\", \"task\": \"Say hi\"}")
                .body().path("id").asText();

        JsonNode run = api.awaitRun(runId, status -> status.equals("completed") || status.equals("failed"),
                java.time.Duration.ofSeconds(30));

        assertThat(api.get("/v1/settings").body().path("default_working_model").asText())
                .isEqualTo("offline/from-settings");
        assertThat(run.path("status").asText()).isEqualTo("completed");
        assertThat(run.path("steps").get(0).path("model_used").asText()).isEqualTo("offline/from-settings");
    }

    @Test
    void usageHistoryHasEveryDayAndValidatesTheWindow() {
        JsonNode week = api.get("/v1/usage/history?days=7").body();
        ApiClient.Reply zero = api.get("/v1/usage/history?days=0");
        ApiClient.Reply tooMany = api.get("/v1/usage/history?days=367");
        JsonNode totals = api.get("/v1/usage").body();

        assertThat(week.path("days")).hasSize(7);
        assertThat(week.path("days").get(6).path("date").asText())
                .isEqualTo(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString());
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.body().path("detail").asText()).contains("days");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(totals.has("total_runs")).isTrue();
        assertThat(totals.has("total_cost")).isTrue();
    }

    @Test
    void unknownCallIsNotFoundAndEmptyListIsWellFormed() {
        ApiClient.Reply missing = api.get("/v1/llm-calls/llmcall_000000000000");
        JsonNode list = api.get("/v1/llm-calls?provider=nobody").body();
        JsonNode summary = api.get("/v1/llm-calls/summary?provider=nobody").body();

        assertThat(missing.status()).isEqualTo(404);
        assertThat(list.path("calls")).isEmpty();
        assertThat(list.path("total").asInt()).isZero();
        assertThat(summary.path("call_count").asInt()).isZero();
        assertThat(summary.path("by_provider")).isEmpty();
    }

    private static Path tempDir(String name) {
        try {
            return Files.createTempDirectory("djinnbot-settings-" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
