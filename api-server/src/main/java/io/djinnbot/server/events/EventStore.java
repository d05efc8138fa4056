package io.djinnbot.server.events;

import io.djinnbot.server.store.Database;
import io.djinnbot.server.store.JsonColumns;
import io.dropwizard.lifecycle.Managed;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event log. {@link #publish} gives an event the next global sequence number and queues it; a
 * single writer thread commits queued events in batches (bursts of {@code agent_output} chunks
 * become one transaction), and only then makes them visible to readers. So a reader never sees an
 * event that is not on disk, and sequence numbers are visible in order without gaps.
 *
 * <p>Recent events are kept in memory; older ones are read back from the database. Thread-safe.
 */
public final class EventStore implements Managed {
    private static final Logger LOGGER = LoggerFactory.getLogger(EventStore.class);
    private static final int RECENT_CAPACITY = 20_000;
    private static final int BATCH_LIMIT = 2_000;

    private final Database database;
    private final long batchWindowMillis;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final Condition committed = lock.newCondition();
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private final ArrayDeque<Event> recent = new ArrayDeque<>();
    private long nextSeq;
    private long lastCommitted;
    private boolean running;
    private Thread writer;

    public EventStore(Database database, long batchWindowMillis) {
        this.database = database;
        this.batchWindowMillis = batchWindowMillis;
    }

    @Override
    public void start() {
        long max = database.read(handle -> handle.createQuery("SELECT COALESCE(MAX(seq), 0) FROM events")
                .mapTo(Long.class).one());
        lock.lock();
        try {
            nextSeq = max + 1;
            lastCommitted = max;
            running = true;
        } finally {
            lock.unlock();
        }
        writer = Thread.ofPlatform().name("event-writer").daemon(true).start(this::writeLoop);
        LOGGER.info("event log ready last_seq={}", max);
    }

    @Override
    public void stop() throws InterruptedException {
        lock.lock();
        try {
            running = false;
            queued.signalAll();
            committed.signalAll();
        } finally {
            lock.unlock();
        }
        if (writer != null) {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /**
     * Appends an event. The returned sequence number is final; the event becomes readable once
     * committed (within a batch window).
     *
     * @param fields the type-specific fields; {@code id}, {@code type}, {@code timestamp} and
     *               {@code run_id} are added
     */
    public long publish(String type, String runId, Map<String, ?> fields) {
        Objects.requireNonNull(type, "type");
        lock.lock();
        try {
            long seq = nextSeq++;
            long now = System.currentTimeMillis();
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("id", seq);
            payload.put("type", type);
            payload.put("timestamp", now);
            if (runId != null) {
                payload.put("run_id", runId);
            }
            fields.forEach((key, value) -> payload.putIfAbsent(key, value));
            queue.add(new Event(seq, runId, type, now, JsonColumns.write(payload)));
            queued.signal();
            return seq;
        } finally {
            lock.unlock();
        }
    }

    /** Queues a write that rides in the writer's next batch, in order with the events around it. */
    public void enqueueWrite(Consumer<Handle> write) {
        lock.lock();
        try {
            queue.add(write);
            queued.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every event published so far is committed (or the timeout passes). */
    public boolean awaitCommitted(long seq, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lock();
        try {
            while (lastCommitted < seq && running) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                committed.awaitNanos(left);
            }
            return lastCommitted >= seq;
        } finally {
            lock.unlock();
        }
    }

    /** The highest committed sequence number. */
    public long lastCommitted() {
        lock.lock();
        try {
            return lastCommitted;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Committed events after {@code afterSeq}, oldest first, optionally of one run only; waits up to
     * {@code waitMillis} for the first one when there is none yet. Returns an empty list on timeout.
     */
    public List<Event> readAfter(long afterSeq, String runId, int limit, long waitMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        long cursor = afterSeq;
        while (true) {
            long committedSeq;
            long oldestRecent;
            List<Event> found = new ArrayList<>();
            lock.lock();
            try {
                while (lastCommitted <= cursor && running) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return List.of();
                    }
                    committed.awaitNanos(left);
                }
                if (!running) {
                    return List.of();
                }
                committedSeq = lastCommitted;
                oldestRecent = recent.isEmpty() ? Long.MAX_VALUE : recent.peekFirst().seq();
                if (oldestRecent <= cursor + 1) {
                    for (Event event : recent) {
                        if (event.seq() > cursor && (runId == null || runId.equals(event.runId()))) {
                            found.add(event);
                            if (found.size() >= limit) {
                                break;
                            }
                        }
                    }
                }
            } finally {
                lock.unlock();
            }
            if (oldestRecent > cursor + 1) {
                found = readFromDatabase(cursor, runId, limit);
            }
            if (!found.isEmpty()) {
                return found;
            }
            // Committed events exist past the cursor but none match the filter: skip past them.
            cursor = committedSeq;
        }
    }

    private List<Event> readFromDatabase(long afterSeq, String runId, int limit) {
        String sql = runId == null
                ? "SELECT seq, run_id, type, created_at, payload FROM events WHERE seq > :after "
                        + "ORDER BY seq LIMIT :limit"
                : "SELECT seq, run_id, type, created_at, payload FROM events WHERE seq > :after AND run_id = :run "
                        + "ORDER BY seq LIMIT :limit";
        return database.read(handle -> handle.createQuery(sql)
                .bind("after", afterSeq)
                .bind("run", runId)
                .bind("limit", limit)
                .map((rs, ctx) -> new Event(rs.getLong("seq"), rs.getString("run_id"), rs.getString("type"),
                        rs.getLong("created_at"), rs.getString("payload")))
                .list());
    }

    private void writeLoop() {
        while (true) {
            List<Object> batch = takeBatch();
            if (batch == null) {
                return;
            }
            commitWithRetry(batch);
        }
    }

    private List<Object> takeBatch() {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (!running) {
                    return null;
                }
                queued.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
        if (batchWindowMillis > 0) {
            try {
                Thread.sleep(batchWindowMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lock.lock();
        try {
            List<Object> batch = new ArrayList<>();
            while (!queue.isEmpty() && batch.size() < BATCH_LIMIT) {
                batch.add(queue.poll());
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private void commitWithRetry(List<Object> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                commit(batch);
                return;
            } catch (RuntimeException e) {
                LOGGER.warn("event batch not committed attempt={} size={}", attempt, batch.size(), e);
                if (attempt >= 5) {
                    LOGGER.error("event batch dropped size={}", batch.size(), e);
                    markCommitted(batch, false);
                    return;
                }
                try {
                    Thread.sleep(100L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void commit(List<Object> batch) {
        database.writeVoid(handle -> {
            var insert = handle.prepareBatch(
                    "INSERT INTO events (seq, run_id, type, payload, created_at) VALUES (?, ?, ?, ?, ?)");
            boolean anyEvent = false;
            for (Object item : batch) {
                if (item instanceof Event event) {
                    insert.add(event.seq(), event.runId(), event.type(), event.json(), event.timestamp());
                    anyEvent = true;
                } else {
                    if (anyEvent) {
                        insert.execute();
                        anyEvent = false;
                    }
                    ((Consumer<Handle>) item).accept(handle);
                }
            }
            if (anyEvent) {
                insert.execute();
            }
        });
        markCommitted(batch, true);
    }

    private void markCommitted(List<Object> batch, boolean visible) {
        lock.lock();
        try {
            for (Object item : batch) {
                if (item instanceof Event event) {
                    if (visible) {
                        recent.addLast(event);
                        if (recent.size() > RECENT_CAPACITY) {
                            recent.removeFirst();
                        }
                    }
                    lastCommitted = Math.max(lastCommitted, event.seq());
                }
            }
            committed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
