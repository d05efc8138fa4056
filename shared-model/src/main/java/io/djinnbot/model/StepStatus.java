package io.djinnbot.model;

import java.util.Locale;

/** The status of one step of a run. */
public enum StepStatus {
    PENDING, QUEUED, RUNNING, RETRYING, COMPLETED, FAILED, CANCELLED, SKIPPED;

    /** The lower-case name used on the wire and in the database. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a wire name.
     *
     * @throws IllegalArgumentException naming the value when it is not a step status
     */
    public static StepStatus fromWire(String value) {
        for (StepStatus status : values()) {
            if (status.wire().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown step status '" + value + "'");
    }
}
