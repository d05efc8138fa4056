package io.djinnbot.console.app;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import javafx.application.Platform;

/** The application's {@link TaskRunner}: virtual threads for the work, {@link Platform#runLater} for the hooks. */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    @Override
    public <T> void submit(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure) {
        workers.execute(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> onSuccess.accept(result));
            } catch (Exception e) {
                Platform.runLater(() -> onFailure.accept(e));
            }
        });
    }

    @Override
    public Executor uiThread() {
        return Platform::runLater;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
