package io.djinnbot.console.client;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventStreamTest {
    private final MockWebServer server = new MockWebServer();
    private final BlockingQueue<ServerEvent> events = new LinkedBlockingQueue<>();
    private final List<ConnectionState> states = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void droppedStreamResumesFromTheLastEventWithoutLossOrRepeat() throws Exception {
        server.enqueue(sse("id: 1\nevent: agent_output\ndata: {\"run_id\":\"r\",\"chunk\":\"a\"}\n\n"
                + "id: 2\nevent: agent_output\ndata: {\"run_id\":\"r\",\"chunk\":\"b\"}\n\n"));
        server.enqueue(sse("id: 2\nevent: agent_output\ndata: {\"run_id\":\"r\",\"chunk\":\"b\"}\n\n"
                + "id: 3\nevent: agent_output\ndata: {\"run_id\":\"r\",\"chunk\":\"c\"}\n\n"));
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream")
                .body(": heartbeat\n\n").build());

        try (EventStream stream = new EventStream(new DjinnBotClient(server.url("/").toString()), "r", -1,
                listener())) {
            stream.start();
            StringBuilder chunks = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                ServerEvent event = events.poll(5, TimeUnit.SECONDS);
                assertThat(event).as("event %d", i).isNotNull();
                chunks.append(event.text("chunk"));
            }

            assertThat(chunks).hasToString("abc");
            RecordedRequest first = server.takeRequest();
            RecordedRequest second = server.takeRequest();
            assertThat(first.getHeaders().get("Last-Event-ID")).isNull();
            assertThat(first.getUrl().queryParameter("run_id")).isEqualTo("r");
            assertThat(second.getHeaders().get("Last-Event-ID")).isEqualTo("2");
            assertThat(events.poll(300, TimeUnit.MILLISECONDS)).isNull();
            assertThat(states).contains(ConnectionState.CONNECTED, ConnectionState.RECONNECTING);
        }
    }

    @Test
    void replayFromStartSendsLastEventIdZero() throws Exception {
        server.enqueue(sse("id: 7\nevent: run_created\ndata: {\"run_id\":\"r\"}\n\n"));

        try (EventStream stream = new EventStream(new DjinnBotClient(server.url("/").toString()), "r", 0,
                listener())) {
            stream.start();

            assertThat(events.poll(5, TimeUnit.SECONDS)).isNotNull().extracting(ServerEvent::id).isEqualTo(7L);
            assertThat(server.takeRequest().getHeaders().get("Last-Event-ID")).isEqualTo("0");
        }
    }

    private EventStream.Listener listener() {
        return new EventStream.Listener() {
            @Override
            public void onEvent(ServerEvent event) {
                events.add(event);
            }

            @Override
            public void onStateChanged(ConnectionState state) {
                states.add(state);
            }
        };
    }

    private static MockResponse sse(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream").body(body).build();
    }
}
