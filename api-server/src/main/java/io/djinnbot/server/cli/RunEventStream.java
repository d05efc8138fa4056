package io.djinnbot.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the event stream of one run ({@code GET /v1/events/stream?run_id=...}) until the handler says the run is
 * over. A dropped connection is reopened with {@code Last-Event-ID} set to the last event seen, after a short
 * backoff, so no event is lost; an event at or below that id is never delivered twice. The stream is given up
 * when no reconnect succeeds within the policy's limit, or at once when the server refuses it with a client error.
 *
 * <p>One thread calls {@link #follow}; any thread may call {@link #close} to end it. okhttp's callbacks only put
 * signals on a queue, so the handler always runs on the following thread.
 */
public final class RunEventStream implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(RunEventStream.class);
    private static final int MAX_ERROR_BODY = 300;

    private final EventSource.Factory factory;
    private final HttpUrl base;
    private final ObjectMapper mapper;
    private final ReconnectPolicy policy;
    private final ConnectionListener connectionListener;
    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    /** How fast to retry and when to give up. */
    public record ReconnectPolicy(Duration firstBackoff, Duration maxBackoff, Duration giveUpAfter) {
        public static final ReconnectPolicy DEFAULT =
                new ReconnectPolicy(Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofSeconds(60));

        public ReconnectPolicy {
            if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0 || giveUpAfter.isNegative()) {
                throw new IllegalArgumentException("bad reconnect policy first=" + firstBackoff + " max="
                        + maxBackoff + " giveUp=" + giveUpAfter);
            }
        }
    }

    /** Receives the events; returns true when the run is over and following should stop. */
    @FunctionalInterface
    public interface Handler {
        boolean onEvent(RunEvent event);
    }

    /** Hears about lost and regained connections, to tell the user. */
    public interface ConnectionListener {
        void disconnected(String reason);

        void reconnected();

        ConnectionListener NONE = new ConnectionListener() {
            @Override
            public void disconnected(String reason) {
            }

            @Override
            public void reconnected() {
            }
        };
    }

    private sealed interface Signal {
    }

    private record Opened(int connection) implements Signal {
    }

    private record Received(int connection, RunEvent event) implements Signal {
    }

    private record Ended(int connection, String reason, boolean refused) implements Signal {
    }

    private record Closed() implements Signal {
    }

    /**
     * @param client the client for the stream; its read timeout must be 0 so that a quiet stream stays open
     */
    public RunEventStream(OkHttpClient client, HttpUrl base, ObjectMapper mapper, ReconnectPolicy policy,
                          ConnectionListener connectionListener) {
        this.factory = EventSources.createFactory(client);
        this.base = base;
        this.mapper = mapper;
        this.policy = policy;
        this.connectionListener = connectionListener;
    }

    /**
     * Follows the run's events from the start of its stream.
     *
     * @return true when the handler ended it, false when {@link #close} did
     * @throws StreamLostException when the stream was refused or stayed unreachable longer than the policy allows
     */
    public boolean follow(String runId, Handler handler) throws InterruptedException, StreamLostException {
        long lastId = 0;
        int connection = 0;
        long downSinceNanos = System.nanoTime();
        boolean everConnected = false;
        boolean toldDisconnected = false;
        Duration backoff = policy.firstBackoff();
        while (!closed) {
            connection++;
            EventSource source = factory.newEventSource(request(runId, lastId), new QueueingListener(connection));
            try {
                while (true) {
                    Signal signal = signals.take();
                    if (signal instanceof Closed) {
                        return false;
                    }
                    if (signal instanceof Opened opened && opened.connection() == connection) {
                        LOGGER.debug("event stream open run={} lastEventId={}", runId, lastId);
                        downSinceNanos = 0;
                        backoff = policy.firstBackoff();
                        if (toldDisconnected) {
                            connectionListener.reconnected();
                            toldDisconnected = false;
                        }
                        everConnected = true;
                    } else if (signal instanceof Received received && received.connection() == connection) {
                        RunEvent event = received.event();
                        if (event.id() >= 0 && event.id() <= lastId) {
                            continue;
                        }
                        lastId = Math.max(lastId, event.id());
                        if (handler.onEvent(event)) {
                            return true;
                        }
                    } else if (signal instanceof Ended ended && ended.connection() == connection) {
                        if (ended.refused()) {
                            throw new StreamLostException(ended.reason());
                        }
                        LOGGER.debug("event stream ended run={} lastEventId={} reason={}", runId, lastId,
                                ended.reason());
                        if (downSinceNanos == 0) {
                            downSinceNanos = System.nanoTime();
                        }
                        if (everConnected && !toldDisconnected) {
                            connectionListener.disconnected(ended.reason());
                            toldDisconnected = true;
                        }
                        break;
                    }
                }
            } finally {
                source.cancel();
            }
            if (Duration.ofNanos(System.nanoTime() - downSinceNanos).compareTo(policy.giveUpAfter()) >= 0) {
                throw new StreamLostException("no connection to the event stream at " + base + " for "
                        + policy.giveUpAfter().toSeconds() + " s");
            }
            if (pause(backoff)) {
                return false;
            }
            backoff = backoff.multipliedBy(2).compareTo(policy.maxBackoff()) > 0 ? policy.maxBackoff()
                    : backoff.multipliedBy(2);
        }
        return false;
    }

    /** Ends {@link #follow}, which then returns false. */
    @Override
    public void close() {
        closed = true;
        signals.add(new Closed());
    }

    /** Waits for the backoff; returns true when the stream was closed meanwhile. */
    private boolean pause(Duration backoff) throws InterruptedException {
        long deadline = System.nanoTime() + backoff.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return closed;
            }
            if (signals.poll(left, TimeUnit.NANOSECONDS) instanceof Closed) {
                return true;
            }
        }
    }

    private Request request(String runId, long lastId) {
        HttpUrl url = base.newBuilder().addPathSegments("v1/events/stream").addQueryParameter("run_id", runId).build();
        return new Request.Builder().url(url).header("Last-Event-ID", Long.toString(lastId)).build();
    }

    /** Turns okhttp's callbacks into signals for the following thread. */
    private final class QueueingListener extends EventSourceListener {
        private final int connection;

        QueueingListener(int connection) {
            this.connection = connection;
        }

        @Override
        public void onOpen(EventSource eventSource, Response response) {
            signals.add(new Opened(connection));
        }

        @Override
        public void onEvent(EventSource eventSource, String id, String type, String data) {
            RunEvent event = RunEvent.parse(mapper, id, type, data);
            signals.add(new Received(connection, event));
        }

        @Override
        public void onClosed(EventSource eventSource) {
            signals.add(new Ended(connection, "the server closed the stream", false));
        }

        @Override
        public void onFailure(EventSource eventSource, Throwable failure, Response response) {
            if (response != null && isRefusal(response.code())) {
                signals.add(new Ended(connection, "the server refused the event stream: HTTP " + response.code()
                        + errorDetail(response), true));
                return;
            }
            String reason = failure != null ? failure.toString()
                    : response != null ? "HTTP " + response.code() : "the connection failed";
            signals.add(new Ended(connection, reason, false));
        }

        private boolean isRefusal(int code) {
            return code >= 400 && code < 500 && code != 408 && code != 429;
        }

        private String errorDetail(Response response) {
            ResponseBody body = response.body();
            if (body == null) {
                return "";
            }
            try {
                String detail = ApiError.parse(mapper, response.code(), body.string()).detail();
                return detail.startsWith("HTTP ") ? "" : ": " + RunRenderer.abbreviate(detail, MAX_ERROR_BODY);
            } catch (IOException | IllegalStateException unreadable) {
                return "";
            }
        }
    }
}
