package io.djinnbot.server.events;

import io.djinnbot.server.app.errors.ApiException;
import io.dropwizard.lifecycle.Managed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/events/stream}: every event as {@code id:}/{@code event:}/{@code data:}. A client
 * resumes with {@code Last-Event-ID} (or {@code ?after=}) and receives exactly the events after
 * that id; without either it receives events from now on. A comment heartbeat goes out when idle.
 * Each connection is served by its own virtual thread reading the event log.
 */
@Path("/v1/events")
public final class EventStreamResource implements Managed {
    private static final Logger LOGGER = LoggerFactory.getLogger(EventStreamResource.class);
    private static final int PAGE = 500;

    private final EventStore events;
    private final Predicate<String> runExists;
    private final long heartbeatMillis;
    private final Set<SseEventSink> open = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    public EventStreamResource(EventStore events, long heartbeatMillis, Predicate<String> runExists) {
        this.events = events;
        this.runExists = runExists;
        this.heartbeatMillis = heartbeatMillis;
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@QueryParam("run_id") String runId,
                       @QueryParam("after") String after,
                       @HeaderParam("Last-Event-ID") String lastEventId,
                       @Context SseEventSink sink,
                       @Context Sse sse) {
        long cursor = startCursor(lastEventId, after);
        String filter = runId == null || runId.isBlank() ? null : runId.trim();
        if (filter != null && !runExists.test(filter)) {
            throw ApiException.notFound("Run '" + filter + "' not found");
        }
        open.add(sink);
        Thread.ofVirtual()
                .name("sse-" + (filter == null ? "all" : filter))
                .start(() -> serve(sink, sse, cursor, filter));
    }

    private long startCursor(String lastEventId, String after) {
        String given = lastEventId != null && !lastEventId.isBlank() ? lastEventId : after;
        String name = lastEventId != null && !lastEventId.isBlank() ? "Last-Event-ID" : "after";
        if (given == null || given.isBlank()) {
            return events.lastCommitted();
        }
        try {
            long value = Long.parseLong(given.trim());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a non-negative event id, got '" + given + "'");
        }
    }

    private void serve(SseEventSink sink, Sse sse, long startCursor, String runId) {
        long cursor = startCursor;
        try (sink) {
            send(sink, sse.newEventBuilder().comment("connected").build());
            while (!sink.isClosed() && !stopping) {
                List<Event> batch = events.readAfter(cursor, runId, PAGE, heartbeatMillis);
                if (batch.isEmpty()) {
                    send(sink, sse.newEventBuilder().comment("heartbeat").build());
                    continue;
                }
                for (Event event : batch) {
                    send(sink, sse.newEventBuilder()
                            .id(Long.toString(event.seq()))
                            .name(event.type())
                            .mediaType(MediaType.TEXT_PLAIN_TYPE)
                            .data(String.class, event.json())
                            .build());
                    cursor = event.seq();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            LOGGER.debug("sse client gone cursor={}", cursor, e);
        } finally {
            open.remove(sink);
        }
    }

    private static void send(SseEventSink sink, OutboundSseEvent event)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        sink.send(event).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Override
    public void start() {
        stopping = false;
    }

    @Override
    public void stop() {
        stopping = true;
        for (SseEventSink sink : open) {
            try {
                sink.close();
            } catch (RuntimeException e) {
                LOGGER.debug("sse sink close failed", e);
            }
        }
        open.clear();
    }
}
