package io.djinnbot.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** How many of a run's steps are finished, out of how many. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunProgress(int done, int total) {

    public RunProgress {
        if (done < 0 || total < 0) {
            throw new IllegalArgumentException("progress must not be negative, got " + done + "/" + total);
        }
    }

    /** The finished share between 0 and 1; 0 when the run has no steps. */
    public double fraction() {
        return total == 0 ? 0 : Math.min(1.0, (double) done / total);
    }
}
