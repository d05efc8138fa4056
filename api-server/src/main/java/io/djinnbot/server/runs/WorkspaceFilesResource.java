package io.djinnbot.server.runs;

import io.djinnbot.server.app.errors.ApiException;
import io.djinnbot.server.tools.Workspace;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code /v1/runs/{id}/files}: the files the agents wrote in a run's workspace, and their content,
 * so that clients never need access to the server's disk. Paths cannot leave the workspace.
 */
@Path("/v1/runs/{runId}/files")
@Produces(MediaType.APPLICATION_JSON)
public final class WorkspaceFilesResource {
    private static final int MAX_FILES = 2_000;
    private static final long MAX_CONTENT_BYTES = 1_000_000;

    private final RunService runs;

    public WorkspaceFilesResource(RunService runs) {
        this.runs = runs;
    }

    @GET
    public Map<String, Object> list(@PathParam("runId") String runId) {
        Workspace workspace = workspace(runId);
        List<Map<String, Object>> files = new ArrayList<>();
        if (Files.isDirectory(workspace.root())) {
            try (Stream<java.nio.file.Path> paths = Files.walk(workspace.root())) {
                paths.filter(path -> Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                        .filter(path -> !workspace.relativize(path).startsWith(".git/"))
                        .sorted()
                        .limit(MAX_FILES)
                        .forEach(path -> files.add(describe(workspace, path)));
            } catch (IOException e) {
                throw new UncheckedIOException("workspace of " + runId + " cannot be listed", e);
            }
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("run_id", runId);
        view.put("files", files);
        return view;
    }

    @GET
    @Path("/content")
    public Map<String, Object> content(@PathParam("runId") String runId, @QueryParam("path") String relative) {
        if (relative == null || relative.isBlank()) {
            throw ApiException.badRequest("query parameter 'path' is required");
        }
        Workspace workspace = workspace(runId);
        java.nio.file.Path file;
        try {
            file = workspace.resolve(relative);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("path '" + relative + "' is outside the run's workspace");
        }
        if (!Files.isRegularFile(file)) {
            throw ApiException.notFound("File '" + relative + "' not found in the workspace of run '" + runId + "'");
        }
        try {
            long size = Files.size(file);
            byte[] bytes;
            try (var in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) Math.min(size, MAX_CONTENT_BYTES));
            }
            Map<String, Object> view = new LinkedHashMap<>(describe(workspace, file));
            view.put("truncated", size > MAX_CONTENT_BYTES);
            String text = decodeUtf8(bytes);
            view.put("binary", text == null);
            view.put("content", text);
            return view;
        } catch (IOException e) {
            throw new UncheckedIOException("file " + relative + " of " + runId + " cannot be read", e);
        }
    }

    private Workspace workspace(String runId) {
        Object path = runs.view(runId, false).get("workspace");
        return new Workspace(java.nio.file.Path.of(String.valueOf(path)));
    }

    private static Map<String, Object> describe(Workspace workspace, java.nio.file.Path path) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("path", workspace.relativize(path));
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            file.put("size", attributes.size());
            file.put("modified_at", attributes.lastModifiedTime().toMillis());
        } catch (IOException e) {
            file.put("size", null);
            file.put("modified_at", null);
        }
        return file;
    }

    private static String decodeUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
