package io.djinnbot.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer of {@code GET /v1/runs/{id}/files}: the workspace's files, sorted by path. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkspaceFileList(@JsonProperty("run_id") String runId, List<WorkspaceFile> files) {

    public WorkspaceFileList {
        files = files == null ? List.of() : List.copyOf(files);
    }
}
