package io.djinnbot.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.djinnbot.server.support.ApiClient;
import io.djinnbot.server.support.TestServers;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Kills a real server process with SIGKILL in the middle of a run and starts it again. */
class CrashRecoveryTest {
    private final Path data = RunLifecycleTest.tempDir("crash-data");
    private Process server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Test
    void runKilledMidwayResumesWithoutRerunningCompletedSteps() throws Exception {
        int port = freePort();
        server = start(port);
        ApiClient api = new ApiClient("http://127.0.0.1:" + port);
        awaitUp(api);
        String runId = api.post("/v1/runs", ApiClient.json(Map.of("pipeline_id", "engineering",
                "task_description", "Build a REST API for a todo app"))).body().path("id").asText();
        api.readEvents("?run_id=" + runId, "0", event -> event.type().equals("step_complete")
                && event.data().path("step_id").asText().equals("DESIGN"), Duration.ofSeconds(60));

        server.destroyForcibly().waitFor();
        server = start(port);
        awaitUp(api);
        JsonNode run = api.awaitRun(runId, status -> status.equals("completed") || status.equals("failed"),
                Duration.ofSeconds(60));

        assertThat(run.path("status").asText()).isEqualTo("completed");
        List<ApiClient.SseEvent> events = api.readEvents("?run_id=" + runId, "0",
                event -> event.type().equals("run_complete"), Duration.ofSeconds(20));
        assertThat(events).extracting(ApiClient.SseEvent::type).contains("run_resumed");
        Map<String, Long> completions = events.stream().filter(e -> e.type().equals("step_complete"))
                .collect(Collectors.groupingBy(e -> e.data().path("step_id").asText(), Collectors.counting()));
        for (String once : Set.of("SPEC", "DESIGN", "DEPLOY")) {
            assertThat(completions.get(once)).as("completions of " + once).isEqualTo(1L);
        }
        assertThat(RunLifecycleTest.stepOf(run, "SPEC").path("iterations").asInt()).isEqualTo(1);
    }

    @Test
    void secondServerOnTheSameDataDirectoryRefusesToStart() throws Exception {
        int port = freePort();
        server = start(port);
        awaitUp(new ApiClient("http://127.0.0.1:" + port));

        Process second = start(freePort(), "second.log");
        boolean exited = second.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(exited).isTrue();
        assertThat(second.exitValue()).isNotZero();
        assertThat(java.nio.file.Files.readString(data.resolve("second.log")))
                .contains("another DjinnBot server is using the data directory");
        assertThat(new ApiClient("http://127.0.0.1:" + port).get("/v1/status").status()).isEqualTo(200);
    }

    private Process start(int port) throws IOException {
        return start(port, "server.log");
    }

    private Process start(int port, String log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                "io.djinnbot.server.app.DjinnBotApplication", "server", TestServers.configPath());
        builder.environment().put("DJINNBOT_DATA_DIR", data.toString());
        builder.environment().put("DJINNBOT_PORT", Integer.toString(port));
        builder.environment().put("DJINNBOT_ADMIN_PORT", Integer.toString(freePort()));
        builder.environment().put("DJINNBOT_OFFLINE_PACE_MS", "15");
        builder.environment().put("DJINNBOT_LOG_LEVEL", "WARN");
        builder.redirectErrorStream(true);
        builder.redirectOutput(data.resolve(log).toFile());
        return builder.start();
    }

    private static void awaitUp(ApiClient api) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (api.get("/v1/status").status() == 200) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                ApiClient.sleep(100);
            }
        }
        throw new AssertionError("server did not come up");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
