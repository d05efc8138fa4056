package io.djinnbot.console.app;

/** A plain launcher for class-path starts, where JavaFX refuses an Application subclass as the main class. */
public final class ConsoleMain {
    private ConsoleMain() {
    }

    /** Starts {@link ConsoleApp}. */
    public static void main(String[] args) {
        ConsoleApp.main(args);
    }
}
