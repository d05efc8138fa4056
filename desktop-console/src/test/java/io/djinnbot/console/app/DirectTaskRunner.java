package io.djinnbot.console.app;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** Runs work and hooks at once on the calling thread, so view-model tests need no FX toolkit. */
public final class DirectTaskRunner implements TaskRunner {
    @Override
    public <T> void submit(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            onFailure.accept(e);
            return;
        }
        onSuccess.accept(result);
    }

    @Override
    public Executor uiThread() {
        return Runnable::run;
    }
}
