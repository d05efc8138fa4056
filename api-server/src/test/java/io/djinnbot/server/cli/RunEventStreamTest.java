package io.djinnbot.server.cli;

import static io.djinnbot.server.cli.Events.event;
import static io.djinnbot.server.cli.Events.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunEventStreamTest {
    private static final RunEventStream.ReconnectPolicy FAST =
            new RunEventStream.ReconnectPolicy(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5));

    private final MockWebServer server = new MockWebServer();
    private final OkHttpClient client = new OkHttpClient.Builder().readTimeout(Duration.ZERO).build();
    private final List<String> notices = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
        client.dispatcher().executorService().shutdown();
    }

    private RunEventStream stream(RunEventStream.ReconnectPolicy policy) {
        return new RunEventStream(client, server.url("/"), Events.MAPPER, policy,
                new RunEventStream.ConnectionListener() {
                    @Override
                    public void disconnected(String reason) {
                        notices.add("lost");
                    }

                    @Override
                    public void reconnected() {
                        notices.add("back");
                    }
                });
    }

    private static MockResponse sse(RunEvent... events) {
        String body = List.of(events).stream().map(Events::frame).collect(Collectors.joining());
        return new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(body).build();
    }

    private static RunEvent output(long id) {
        return event(id, "agent_output", id, Map.of("step_id", "SPEC", "chunk", "part " + id));
    }

    private static RunEvent complete(long id) {
        return event(id, "run_complete", id, Map.of("outputs", Map.of()));
    }

    @Test
    void droppedStreamResumesFromTheLastEventWithoutGapOrDuplicate() throws Exception {
        server.enqueue(sse(output(1), output(2), output(3)));
        server.enqueue(sse(output(3), output(4), complete(5)));
        List<Long> ids = new ArrayList<>();

        boolean over = stream(FAST).follow("run_0123456789ab", received -> {
            ids.add(received.id());
            return received.type().equals("run_complete");
        });

        RecordedRequest first = server.takeRequest(1, TimeUnit.SECONDS);
        RecordedRequest second = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(over).isTrue();
        assertThat(ids).containsExactlyElementsOf(LongStream.rangeClosed(1, 5).boxed().toList());
        assertThat(first.getUrl().encodedPath()).isEqualTo("/v1/events/stream");
        assertThat(first.getUrl().queryParameter("run_id")).isEqualTo("run_0123456789ab");
        assertThat(first.getHeaders().get("Last-Event-ID")).isEqualTo("0");
        assertThat(second.getHeaders().get("Last-Event-ID")).isEqualTo("3");
        assertThat(notices).containsExactly("lost", "back");
    }

    @Test
    void serverErrorsAreRetriedUntilTheStreamComesBack() throws Exception {
        server.enqueue(sse(output(1)));
        server.enqueue(new MockResponse.Builder().code(503).body("{\"detail\": \"busy\"}").build());
        server.enqueue(new MockResponse.Builder().code(503).body("{\"detail\": \"busy\"}").build());
        server.enqueue(sse(output(2), complete(3)));
        List<Long> ids = new ArrayList<>();

        stream(FAST).follow("run_0123456789ab", received -> {
            ids.add(received.id());
            return received.type().equals("run_complete");
        });

        assertThat(ids).containsExactly(1L, 2L, 3L);
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void streamThatNeverComesBackIsGivenUp() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(503).build();
            }
        });
        RunEventStream.ReconnectPolicy shortLimit = new RunEventStream.ReconnectPolicy(Duration.ofMillis(10),
                Duration.ofMillis(20), Duration.ofMillis(300));

        assertThatThrownBy(() -> stream(shortLimit).follow("run_0123456789ab", received -> false))
                .isInstanceOf(StreamLostException.class)
                .hasMessageContaining("no connection to the event stream");
        assertThat(server.getRequestCount()).isGreaterThan(1);
    }

    @Test
    void refusedStreamFailsAtOnceWithTheServersDetail() {
        server.enqueue(new MockResponse.Builder().code(404).body("{\"detail\": \"Run run_x not found\"}").build());

        assertThatThrownBy(() -> stream(FAST).follow("run_x", received -> false))
                .isInstanceOf(StreamLostException.class)
                .hasMessage("the server refused the event stream: HTTP 404: Run run_x not found");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void closeEndsFollowingFromAnotherThread() throws Exception {
        server.enqueue(sse(output(1)).newBuilder().bodyDelay(10, TimeUnit.SECONDS).build());
        RunEventStream stream = stream(FAST);

        Thread closer = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            stream.close();
        });
        boolean over = stream.follow("run_0123456789ab", received -> false);
        closer.join();

        assertThat(over).isFalse();
    }

    @Test
    void sseFrameCarriesIdTypeAndData() {
        RunEvent parsed = RunEvent.parse(Events.MAPPER, "7", "message",
                "{\"type\":\"step_started\",\"timestamp\":5,\"step_id\":\"SPEC\"}");

        assertThat(parsed.id()).isEqualTo(7);
        assertThat(parsed.type()).isEqualTo("step_started");
        assertThat(parsed.timestamp()).isEqualTo(5);
        assertThat(parsed.text("step_id")).isEqualTo("SPEC");
        assertThat(frame(parsed)).startsWith("id: 7\nevent: step_started\n");
    }
}
