package io.djinnbot.console.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.djinnbot.console.client.ConnectionState;
import io.djinnbot.console.client.EventStream;
import io.djinnbot.console.client.ServerEvent;

/**
 * Moves events from a stream's reader thread onto the UI thread in batches: however many events arrive between
 * two UI pulses, the subscribers get them as one list, in order, with one hand-over. This keeps the UI smooth at
 * hundreds of output chunks per second.
 *
 * <p>Thread-safety: the stream side ({@link #onEvent}, {@link #onStateChanged}) may be called from any thread;
 * subscribers are called on the UI executor only.
 */
public final class EventHub implements EventStream.Listener {
    private final Executor uiThread;
    private final Queue<ServerEvent> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final List<Consumer<List<ServerEvent>>> eventSubscribers = new CopyOnWriteArrayList<>();
    private final List<Consumer<ConnectionState>> stateSubscribers = new CopyOnWriteArrayList<>();

    /** A hub that delivers on {@code uiThread}. */
    public EventHub(Executor uiThread) {
        this.uiThread = uiThread;
    }

    /** Adds a subscriber for event batches. */
    public void subscribe(Consumer<List<ServerEvent>> subscriber) {
        eventSubscribers.add(subscriber);
    }

    /** Removes a subscriber added with {@link #subscribe}. */
    public void unsubscribe(Consumer<List<ServerEvent>> subscriber) {
        eventSubscribers.remove(subscriber);
    }

    /** Adds a subscriber for connection states. */
    public void subscribeState(Consumer<ConnectionState> subscriber) {
        stateSubscribers.add(subscriber);
    }

    @Override
    public void onEvent(ServerEvent event) {
        pending.add(event);
        if (drainScheduled.compareAndSet(false, true)) {
            uiThread.execute(this::drain);
        }
    }

    @Override
    public void onStateChanged(ConnectionState state) {
        uiThread.execute(() -> {
            drain();
            stateSubscribers.forEach(subscriber -> subscriber.accept(state));
        });
    }

    private void drain() {
        drainScheduled.set(false);
        List<ServerEvent> batch = new ArrayList<>();
        for (ServerEvent event = pending.poll(); event != null; event = pending.poll()) {
            batch.add(event);
        }
        if (!batch.isEmpty()) {
            List<ServerEvent> view = List.copyOf(batch);
            eventSubscribers.forEach(subscriber -> subscriber.accept(view));
        }
    }
}
