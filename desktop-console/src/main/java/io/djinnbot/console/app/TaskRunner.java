package io.djinnbot.console.app;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Runs slow work (a REST call) off the UI thread and hands its result or failure back on the UI thread.
 * View models get one from the application; tests give them one that runs everything at once.
 */
public interface TaskRunner {

    /** Runs {@code work} in the background, then {@code onSuccess} or {@code onFailure} on the UI thread. */
    <T> void submit(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure);

    /** The UI thread, for state changes that come from other threads. */
    Executor uiThread();
}
