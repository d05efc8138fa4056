package io.djinnbot.console.testing;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.djinnbot.console.client.ServerEvent;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A MockWebServer that answers the REST routes from a table ({@code "GET /v1/runs"} to a JSON body) and serves
 * event streams from recorded events, honouring {@code Last-Event-ID} and the {@code run_id} filter. A stream
 * with nothing left to send stays open, as the real one does.
 */
public final class FixtureServer implements AutoCloseable {
    private final MockWebServer server = new MockWebServer();
    private final Map<String, Function<RecordedRequest, MockResponse>> routes = new ConcurrentHashMap<>();
    private final List<ServerEvent> events = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    public FixtureServer() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                return answer(request);
            }
        });
        server.start();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:PORT/}. */
    public String url() {
        return server.url("/").toString();
    }

    /** Answers {@code method path} (without query) with a JSON body. */
    public FixtureServer json(String method, String path, String body) {
        return route(method, path, request -> jsonResponse(200, body));
    }

    /** Answers {@code method path} (without query) with whatever {@code answer} builds. */
    public FixtureServer route(String method, String path, Function<RecordedRequest, MockResponse> answer) {
        routes.put(method + " " + path, answer);
        return this;
    }

    /** Adds events that the streams serve from now on. */
    public void publish(List<ServerEvent> more) {
        events.addAll(more);
    }

    /** Every request received so far. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** A JSON response. */
    public static MockResponse jsonResponse(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body)
                .build();
    }

    private MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.equals("/v1/events/stream")) {
            return stream(request);
        }
        Function<RecordedRequest, MockResponse> route = routes.get(request.getMethod() + " " + path);
        return route != null ? route.apply(request) : jsonResponse(404, "{\"detail\":\"Not found: " + path + "\"}");
    }

    private MockResponse stream(RecordedRequest request) {
        String lastId = request.getHeaders().get("Last-Event-ID");
        long after = lastId == null ? Long.MAX_VALUE : Long.parseLong(lastId);
        String runId = request.getUrl().queryParameter("run_id");
        List<ServerEvent> due = events.stream()
                .filter(event -> event.id() > after)
                .filter(event -> runId == null || runId.equals(event.runId()))
                .toList();
        MockResponse.Builder response = new MockResponse.Builder().code(200)
                .setHeader("Content-Type", "text/event-stream").body(Fixtures.sse(due));
        if (due.isEmpty()) {
            // Nothing to send: hold the connection a while like an idle server rather than have the client spin.
            response.bodyDelay(30, TimeUnit.SECONDS);
        }
        return response.build();
    }

    @Override
    public void close() {
        server.close();
    }
}
