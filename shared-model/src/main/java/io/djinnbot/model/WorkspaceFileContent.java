package io.djinnbot.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code GET /v1/runs/{id}/files/content?path=}: one workspace file's text.
 *
 * @param truncated whether the file is longer than the part the server sent
 * @param binary whether the file is not UTF-8 text; {@code content} is then null
 * @param content the text, or null for a binary file
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkspaceFileContent(
        String path,
        Long size,
        @JsonProperty("modified_at") Long modifiedAt,
        boolean truncated,
        boolean binary,
        String content) {
}
