package io.djinnbot.server.cli;

import static io.djinnbot.server.cli.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunCommandTest {
    private static final String RUN_JSON = """
            {"id": "run_0123456789ab", "pipeline_id": "engineering", "status": "pending",
             "created_at": %d, "workspace_path": "/data/workspaces/run_0123456789ab"}
            """.formatted(Events.T0);

    private final MockWebServer server = new MockWebServer();
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger starts = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private RunCommand command(Map<String, String> env) {
        RunCommand.ServerStarter starter = () -> {
            starts.incrementAndGet();
            throw new IOException("starting is not wanted here");
        };
        return new RunCommand(new RunCommand.Settings(env, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8), false, Path.of("/data"), starter,
                new RunEventStream.ReconnectPolicy(Duration.ofMillis(10), Duration.ofMillis(50),
                        Duration.ofSeconds(5))));
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private List<String> args(String... extra) {
        List<String> base = new ArrayList<>(List.of("engineering", "Build a REST API for a todo app",
                "--server", server.url("/").toString()));
        base.addAll(List.of(extra));
        return base;
    }

    private void serve(Dispatch dispatch) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                String path = request.getUrl().encodedPath();
                if (path.equals("/v1/status")) {
                    return new MockResponse.Builder().body("{\"status\": \"ok\"}").build();
                }
                return dispatch.respond(request.getMethod() + " " + path, request);
            }
        });
    }

    @FunctionalInterface
    private interface Dispatch {
        MockResponse respond(String route, RecordedRequest request);
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static MockResponse sse(RunEvent... events) {
        StringBuilder body = new StringBuilder();
        for (RunEvent event : events) {
            body.append(Events.frame(event));
        }
        return new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(body.toString())
                .build();
    }

    @Test
    void completedRunIsFollowedToTheSummaryAndExitsZero() throws Exception {
        serve((route, request) -> switch (route) {
            case "POST /v1/runs" -> json(201, RUN_JSON);
            case "GET /v1/events/stream" -> sse(
                    event(1, "step_started", 100, Map.of("step_id", "SPEC", "agent_id", "nadia",
                            "model", "offline/simulated")),
                    event(2, "step_complete", 1300, Map.of("step_id", "SPEC", "duration_ms", 1200)),
                    event(3, "run_complete", 1400, Map.of("outputs", Map.of())));
            default -> json(404, "{\"detail\": \"no route\"}");
        });

        int code = command(Map.of()).execute(args("--context", "use Java", "--model", "offline/simulated"));

        assertThat(code).isZero();
        assertThat(out()).contains("▶ SPEC      nadia  started (offline/simulated)",
                "✓ SPEC      completed in 1.2s",
                "✓ run run_0123456789ab completed in 1.4s", "workspace: /data/workspaces/run_0123456789ab");
        RecordedRequest create = requests.stream().filter(r -> r.getMethod().equals("POST")).findFirst()
                .orElseThrow();
        assertThat(Events.MAPPER.readTree(create.getBody().utf8())).isEqualTo(Events.MAPPER.readTree("""
                {"pipeline_id": "engineering", "task_description": "Build a REST API for a todo app",
                 "human_context": "use Java", "model_override": "offline/simulated"}
                """));
        assertThat(starts).hasValue(0);
    }

    @Test
    void failedRunExitsOne() {
        serve((route, request) -> switch (route) {
            case "POST /v1/runs" -> json(200, RUN_JSON);
            case "GET /v1/events/stream" -> sse(event(1, "run_failed", 10, Map.of("error", "step SPEC failed")));
            default -> json(404, "{\"detail\": \"no route\"}");
        });

        int code = command(Map.of()).execute(args());

        assertThat(code).isEqualTo(1);
        assertThat(out()).contains("✗ run run_0123456789ab failed: step SPEC failed");
    }

    @Test
    void refusedRunPrintsDetailAndProblemsAndExitsOne() {
        serve((route, request) -> json(400, """
                {"detail": "Pipeline 'nope' not found",
                 "errors": [{"path": "pipeline_id", "message": "did you mean 'engineering'?"}]}
                """));

        int code = command(Map.of()).execute(args());

        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("djinnbot: the run was not created (HTTP 400): Pipeline 'nope' not found\n"
                + "  pipeline_id: did you mean 'engineering'?\n");
    }

    @Test
    void ctrlCCancelsTheRunAndExits130() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        serve((route, request) -> switch (route) {
            case "POST /v1/runs" -> json(200, RUN_JSON);
            case "POST /v1/runs/run_0123456789ab/cancel" -> {
                cancelled.set(true);
                yield json(200, "{\"run_id\": \"run_0123456789ab\", \"status\": \"cancelled\"}");
            }
            case "GET /v1/events/stream" -> cancelled.get()
                    ? sse(event(2, "run_cancelled", 500, Map.of("reason", "cancelled by user")))
                    : sse(event(1, "step_started", 100, Map.of("step_id", "SPEC", "agent_id", "nadia")))
                            .newBuilder().bodyDelay(50, TimeUnit.MILLISECONDS).build();
            default -> json(404, "{\"detail\": \"no route\"}");
        });
        RunCommand command = command(Map.of());

        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> command.execute(args()));
        while (requests.stream().noneMatch(r -> r.getUrl().encodedPath().equals("/v1/events/stream"))) {
            Thread.sleep(20);
        }
        command.interrupt();

        assertThat(code.get(10, TimeUnit.SECONDS)).isEqualTo(130);
        assertThat(cancelled).isTrue();
        assertThat(out()).contains("■ run run_0123456789ab cancelled: cancelled by user");
    }

    @Test
    void ctrlCWhileTheRunIsBeingCreatedStillCancelsIt() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        serve((route, request) -> switch (route) {
            case "POST /v1/runs" -> json(200, RUN_JSON).newBuilder().headersDelay(400, TimeUnit.MILLISECONDS).build();
            case "POST /v1/runs/run_0123456789ab/cancel" -> {
                cancelled.set(true);
                yield json(200, "{\"run_id\": \"run_0123456789ab\", \"status\": \"cancelled\"}");
            }
            case "GET /v1/events/stream" -> sse(event(2, "run_cancelled", 500, Map.of("reason", "cancelled")));
            default -> json(404, "{\"detail\": \"no route\"}");
        });
        RunCommand command = command(Map.of());

        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> command.execute(args()));
        while (requests.stream().noneMatch(r -> r.getUrl().encodedPath().equals("/v1/runs"))) {
            Thread.sleep(5);
        }
        command.interrupt();

        assertThat(cancelled).isTrue();
        assertThat(code.get(10, TimeUnit.SECONDS)).isEqualTo(130);
    }

    @Test
    void explicitServerThatDoesNotAnswerIsAnErrorWithoutStartingOne() {
        server.close();

        int code = command(Map.of()).execute(args());

        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("no DjinnBot server answers at");
        assertThat(starts).hasValue(0);
    }

    @Test
    void implicitServerThatDoesNotAnswerIsStarted() {
        int port = server.getPort();
        server.close();

        int code = command(Map.of("DJINNBOT_HOST", "127.0.0.1", "DJINNBOT_PORT", Integer.toString(port)))
                .execute(List.of("engineering", "Build it"));

        assertThat(starts).hasValue(1);
        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("could not start a local server: starting is not wanted here");
    }

    @Test
    void missingTaskPrintsUsageAndExitsTwo() {
        int code = command(Map.of()).execute(List.of("engineering"));

        assertThat(code).isEqualTo(2);
        assertThat(err()).startsWith("djinnbot run: TASK is missing").contains("usage: djinnbot run PIPELINE TASK");
        assertThat(out()).isEmpty();
    }
}
