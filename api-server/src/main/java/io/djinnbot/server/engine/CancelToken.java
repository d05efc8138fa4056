package io.djinnbot.server.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lets a step attempt be stopped from outside: cancel, step timeout or server shutdown. Anything
 * blocking on I/O (an HTTP call, a tool process) registers an abort action that runs at once when
 * the token fires. Thread-safe.
 */
public final class CancelToken {
    /** Why a token fired. */
    public enum Reason { CANCELLED, TIMEOUT, SHUTDOWN }

    private final AtomicReference<Reason> reason = new AtomicReference<>();
    private final List<Runnable> actions = new CopyOnWriteArrayList<>();

    /** Fires the token; the first reason wins and every registered action runs once. */
    public void cancel(Reason why) {
        if (reason.compareAndSet(null, why)) {
            for (Runnable action : actions) {
                runQuietly(action);
            }
        }
    }

    public boolean isCancelled() {
        return reason.get() != null;
    }

    /** The reason the token fired, or null while it has not. */
    public Reason reason() {
        return reason.get();
    }

    /**
     * Registers an abort action; it runs immediately when the token already fired. Close the
     * returned handle once the guarded work is over.
     */
    public Registration onCancel(Runnable action) {
        actions.add(action);
        if (isCancelled()) {
            runQuietly(action);
        }
        return () -> actions.remove(action);
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException ignored) {
            // an abort action failing must not stop the others
        }
    }

    /** A registered abort action; closing it unregisters the action. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
