package io.djinnbot.console.client;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resumable subscription to {@code /v1/events/stream}. When the connection drops (a network error, a server
 * restart) it connects again with {@code Last-Event-ID} set to the last event it delivered, so the server replays
 * exactly what was missed; events it has already delivered are never delivered twice.
 *
 * <p>Thread-safety: {@link #start()} and {@link #close()} may be called from any thread. The listener is called on
 * OkHttp's reader thread, one call at a time, and must hand work to its own thread quickly.
 */
public final class EventStream implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(EventStream.class);
    private static final long[] BACKOFF_MILLIS = {250, 500, 1000, 2000};
    private static final int FAILURES_BEFORE_OFFLINE = 5;

    /** Receives the events and the connection state of a stream. Implementations must not throw. */
    public interface Listener {
        /** One event, in server order. */
        void onEvent(ServerEvent event);

        /** The connection changed state. */
        void onStateChanged(ConnectionState state);
    }

    private final OkHttpClient sseHttp;
    private final ObjectMapper mapper;
    private final HttpUrl url;
    private final Listener listener;
    private final AtomicLong lastEventId;
    private final ScheduledExecutorService retries;
    private final Object lock = new Object();
    private EventSource source;
    private ConnectionState state = ConnectionState.CONNECTING;
    private int failures;
    private boolean closed;

    /**
     * A stream that is not yet connected.
     *
     * @param client the REST client whose server and OkHttp client to use
     * @param runId only the events of this run, or null for all
     * @param afterEventId replay everything after this event id (0 for the whole history), or -1 for live events only
     */
    public EventStream(DjinnBotClient client, String runId, long afterEventId, Listener listener) {
        this.sseHttp = client.http().newBuilder()
                .readTimeout(0, TimeUnit.MILLISECONDS)
                .callTimeout(0, TimeUnit.MILLISECONDS)
                .retryOnConnectionFailure(false)
                .build();
        this.mapper = client.mapper();
        HttpUrl.Builder builder = client.url("v1/events/stream");
        if (runId != null) {
            builder.addQueryParameter("run_id", runId);
        }
        this.url = builder.build();
        this.listener = listener;
        this.lastEventId = new AtomicLong(afterEventId);
        this.retries = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("event-stream-retry").daemon(true).factory());
    }

    /** Opens the connection. */
    public void start() {
        connect();
    }

    /** The id of the last event delivered, or the starting point when none was. */
    public long lastEventId() {
        return lastEventId.get();
    }

    /** The current connection state. */
    public ConnectionState state() {
        synchronized (lock) {
            return state;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (source != null) {
                source.cancel();
            }
        }
        retries.shutdownNow();
        changeState(ConnectionState.CLOSED);
    }

    private void connect() {
        Request.Builder request = new Request.Builder().url(url).header("Accept", "text/event-stream");
        long last = lastEventId.get();
        if (last >= 0) {
            request.header("Last-Event-ID", Long.toString(last));
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
            source = EventSources.createFactory(sseHttp).newEventSource(request.build(), new Callbacks());
        }
    }

    private void dropped(Throwable cause) {
        long delay;
        ConnectionState next;
        synchronized (lock) {
            if (closed) {
                return;
            }
            failures++;
            delay = BACKOFF_MILLIS[Math.min(failures - 1, BACKOFF_MILLIS.length - 1)];
            next = failures >= FAILURES_BEFORE_OFFLINE ? ConnectionState.OFFLINE : ConnectionState.RECONNECTING;
        }
        LOGGER.debug("event stream dropped url={} lastEventId={} cause={}", url, lastEventId.get(),
                cause == null ? "closed" : cause.toString());
        changeState(next);
        try {
            retries.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException ignored) {
            // Closed meanwhile: nothing to retry.
        }
    }

    private void changeState(ConnectionState next) {
        synchronized (lock) {
            if (state == next || state == ConnectionState.CLOSED) {
                return;
            }
            state = next;
        }
        listener.onStateChanged(next);
    }

    private final class Callbacks extends EventSourceListener {
        @Override
        public void onOpen(EventSource eventSource, Response response) {
            synchronized (lock) {
                failures = 0;
            }
            LOGGER.info("event stream connected url={} lastEventId={}", url, lastEventId.get());
            changeState(ConnectionState.CONNECTED);
        }

        @Override
        public void onEvent(EventSource eventSource, String id, String type, String data) {
            long eventId = parseId(id);
            if (eventId >= 0 && eventId <= lastEventId.get()) {
                return;
            }
            ServerEvent event;
            try {
                event = parse(eventId, type, data);
            } catch (IOException e) {
                LOGGER.warn("event ignored id={} type={} reason={}", id, type, e.getMessage());
                return;
            }
            if (eventId >= 0) {
                lastEventId.set(eventId);
            }
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOGGER.error("event listener failed id={} type={}", id, type, e);
            }
        }

        @Override
        public void onClosed(EventSource eventSource) {
            dropped(null);
        }

        @Override
        public void onFailure(EventSource eventSource, Throwable failure, Response response) {
            dropped(failure != null ? failure : new IOException("HTTP " + (response == null ? "?" : response.code())));
        }
    }

    private static long parseId(String id) {
        if (id == null || id.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private ServerEvent parse(long id, String type, String data) throws IOException {
        JsonNode node = mapper.readTree(data);
        if (node == null || !node.isObject()) {
            throw new IOException("event data is not a JSON object");
        }
        String name = type != null ? type : node.path("type").asText("message");
        return new ServerEvent(id, name, text(node, "run_id"), text(node, "step_id"), text(node, "agent_id"),
                node.path("timestamp").asLong(0), node);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
