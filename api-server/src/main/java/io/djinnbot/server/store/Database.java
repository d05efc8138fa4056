package io.djinnbot.server.store;

import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * The SQLite database. SQLite allows one writer at a time, so every write transaction goes through
 * {@link #write}, which serialises writers inside this process; readers run in parallel (WAL).
 * Never hold a write across network I/O. Thread-safe.
 */
public final class Database {
    private final Jdbi jdbi;
    private final ReentrantLock writeLock = new ReentrantLock();

    public Database(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Runs a write transaction; commits when the callback returns, rolls back when it throws. */
    public <R, X extends Exception> R write(HandleCallback<R, X> callback) throws X {
        writeLock.lock();
        try {
            return jdbi.inTransaction(callback::withHandle);
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs a read on its own handle. */
    public <R, X extends Exception> R read(HandleCallback<R, X> callback) throws X {
        return jdbi.withHandle(callback);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** A write that returns nothing. */
    public void writeVoid(java.util.function.Consumer<Handle> work) {
        write(handle -> {
            work.accept(handle);
            return null;
        });
    }
}
