package io.djinnbot.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A file in a run's workspace, as {@code GET /v1/runs/{id}/files} lists it.
 *
 * @param path the path relative to the workspace, with forward slashes
 * @param size the size in bytes, or null when the server could not read it
 * @param modifiedAt epoch milliseconds of the last change, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkspaceFile(String path, Long size, @JsonProperty("modified_at") Long modifiedAt) {
}
