package io.djinnbot.console.app;

import java.util.List;

import io.djinnbot.console.client.ConnectionState;
import io.djinnbot.console.client.DjinnBotClient;
import io.djinnbot.console.client.ServerEvent;
import io.djinnbot.model.EventType;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The window frame: connection state, server version, and notices when runs finish. */
public final class MainViewModel {
    private static final Logger LOGGER = LoggerFactory.getLogger(MainViewModel.class);

    private final DjinnBotClient client;
    private final TaskRunner tasks;
    private final ReadOnlyObjectWrapper<ConnectionState> connection =
            new ReadOnlyObjectWrapper<>(this, "connection", ConnectionState.CONNECTING);
    private final ReadOnlyStringWrapper connectionText = new ReadOnlyStringWrapper(this, "connectionText",
            "Connecting…");
    private final ReadOnlyStringWrapper serverVersion = new ReadOnlyStringWrapper(this, "serverVersion", "");
    private final ReadOnlyStringWrapper startupNote = new ReadOnlyStringWrapper(this, "startupNote", "");
    private final ObservableList<Notice> notices = FXCollections.observableArrayList();
    private Runnable onReconnected = () -> { };

    /** A notice for the user; {@code failed} marks bad news. */
    public record Notice(String title, String text, boolean failed) {
    }

    public MainViewModel(DjinnBotClient client, TaskRunner tasks) {
        this.client = client;
        this.tasks = tasks;
    }

    // Properties

    /** The event stream's state. */
    public ReadOnlyObjectProperty<ConnectionState> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    /** The state in words: connected, reconnecting, offline. */
    public ReadOnlyStringProperty connectionTextProperty() {
        return connectionText.getReadOnlyProperty();
    }

    /** The server's version and address, once known. */
    public ReadOnlyStringProperty serverVersionProperty() {
        return serverVersion.getReadOnlyProperty();
    }

    /** A sentence about how the console found its server, e.g. that it started one. */
    public ReadOnlyStringProperty startupNoteProperty() {
        return startupNote.getReadOnlyProperty();
    }

    /** Notices, newest last. */
    public ObservableList<Notice> notices() {
        return notices;
    }

    /** What to do when the stream comes back after a drop (re-read snapshots). */
    public void setOnReconnected(Runnable action) {
        onReconnected = action;
    }

    // Commands

    /** Records how the server was found. */
    public void setStartupNote(String note) {
        startupNote.set(note);
    }

    /** Reads the server's version. */
    public void refreshStatus() {
        tasks.submit(client::status,
                status -> serverVersion.set("server " + status.version() + " at " + client.baseUrl()),
                failure -> {
                    LOGGER.debug("status not read", failure);
                    serverVersion.set("server at " + client.baseUrl());
                });
    }

    /** Follows the event stream's state. */
    public void connectionChanged(ConnectionState state) {
        ConnectionState before = connection.get();
        connection.set(state);
        connectionText.set(switch (state) {
            case CONNECTING -> "Connecting…";
            case CONNECTED -> "Connected";
            case RECONNECTING -> "Reconnecting…";
            case OFFLINE -> "Offline (retrying)";
            case CLOSED -> "Closed";
        });
        if (state == ConnectionState.CONNECTED && before != ConnectionState.CONNECTED) {
            refreshStatus();
            if (before == ConnectionState.RECONNECTING || before == ConnectionState.OFFLINE) {
                onReconnected.run();
            }
        }
    }

    /** Turns finished runs into notices. */
    public void apply(List<ServerEvent> events) {
        for (ServerEvent event : events) {
            switch (event.type()) {
                case EventType.RUN_COMPLETE -> notices.add(new Notice("Run completed", event.runId(), false));
                case EventType.RUN_FAILED -> notices.add(new Notice("Run failed", event.runId()
                        + (event.text("error") == null ? "" : ": " + event.text("error")), true));
                default -> {
                    // Other events do not concern the frame.
                }
            }
        }
    }
}
