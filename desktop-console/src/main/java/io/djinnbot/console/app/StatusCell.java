package io.djinnbot.console.app;

import java.util.List;

import javafx.scene.control.TableCell;

/** A table cell that shows a status with its icon and colour (style class {@code status-<name>}). */
public final class StatusCell<S> extends TableCell<S, String> {
    private static final List<String> CLASSES = List.of("status-pending", "status-queued", "status-running",
            "status-retrying", "status-paused", "status-completed", "status-failed", "status-cancelled",
            "status-skipped");

    @Override
    protected void updateItem(String status, boolean empty) {
        super.updateItem(status, empty);
        getStyleClass().removeAll(CLASSES);
        if (empty || status == null) {
            setText(null);
            return;
        }
        setText(Format.icon(status) + " " + status);
        getStyleClass().add("status-" + status);
    }
}
