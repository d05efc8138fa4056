package io.djinnbot.model;

import java.util.Locale;

/** The life of a run: {@code pending → running → completed | failed | cancelled}. */
public enum RunStatus {
    PENDING, RUNNING, PAUSED, COMPLETED, FAILED, CANCELLED;

    /** The lower-case name used on the wire and in the database. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the status can never change again. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /**
     * Reads a wire name.
     *
     * @throws IllegalArgumentException naming the value when it is not a run status
     */
    public static RunStatus fromWire(String value) {
        for (RunStatus status : values()) {
            if (status.wire().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown run status '" + value + "'");
    }
}
