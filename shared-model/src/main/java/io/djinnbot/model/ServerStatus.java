package io.djinnbot.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer of {@code GET /v1/status}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServerStatus(
        String status,
        String version,
        @JsonProperty("active_runs") int activeRuns,
        @JsonProperty("total_runs") int totalRuns,
        @JsonProperty("data_dir") String dataDir) {
}
