package io.djinnbot.console;

import java.util.Map;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The console's entry point. For now it opens a window that names the server it would talk to and the
 * command-line launcher it would start when nothing answers there; the console screens replace this window.
 */
public final class ConsoleApp extends Application {
    /** System property with the path of the {@code djinnbot} launcher; the bundle sets it. */
    public static final String LAUNCHER_PROPERTY = "djinnbot.launcher";

    @Override
    public void start(Stage stage) {
        String launcher = System.getProperty(LAUNCHER_PROPERTY, "(not set: run from a bundle)");
        VBox root = new VBox(8,
                new Label("DjinnBot console"),
                new Label("Server: " + serverUrl(System.getenv())),
                new Label("Launcher: " + launcher));
        root.setPadding(new Insets(16));
        stage.setTitle("DjinnBot");
        stage.setScene(new Scene(root, 640, 200));
        stage.show();
    }

    /** The server's base URL: {@code DJINNBOT_SERVER_URL}, else built from {@code DJINNBOT_HOST} and {@code _PORT}. */
    static String serverUrl(Map<String, String> env) {
        String named = env.get("DJINNBOT_SERVER_URL");
        if (named != null && !named.isBlank()) {
            return named;
        }
        return "http://" + env.getOrDefault("DJINNBOT_HOST", "127.0.0.1") + ":"
                + env.getOrDefault("DJINNBOT_PORT", "8000");
    }

    public static void main(String[] args) {
        launch(ConsoleApp.class, args);
    }
}
