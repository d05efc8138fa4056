package io.djinnbot.console.app;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One screen's slow calls: a busy flag that is up while a call runs, and the last outcome as a short sentence.
 * Used from the UI thread only, like the view model that owns it.
 */
public final class BusyWork {
    private static final Logger LOGGER = LoggerFactory.getLogger(BusyWork.class);

    private final TaskRunner tasks;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    public BusyWork(TaskRunner tasks) {
        this.tasks = tasks;
    }

    /** Whether a call is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The last outcome worth telling, in a sentence; empty when there is none. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Replaces the sentence shown to the user. */
    public void say(String sentence) {
        message.set(sentence);
    }

    /**
     * Runs {@code work} in the background with the busy flag up. Success clears the sentence and hands the result
     * over; failure is logged and told as "could not {@code action}".
     */
    public <T> void run(String action, Callable<T> work, Consumer<T> onSuccess) {
        run(work, result -> {
            say("");
            onSuccess.accept(result);
        }, failure -> failed(action, failure));
    }

    /** Runs {@code work} in the background with the busy flag up; the caller decides what each outcome means. */
    public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure) {
        busy.set(true);
        tasks.submit(work, result -> {
            busy.set(false);
            onSuccess.accept(result);
        }, failure -> {
            busy.set(false);
            onFailure.accept(failure);
        });
    }

    /** Logs a failed call and tells the user in a plain sentence. */
    public void failed(String action, Exception failure) {
        LOGGER.warn("console call failed action={}", action, failure);
        say(Messages.failure(action, failure));
    }
}
