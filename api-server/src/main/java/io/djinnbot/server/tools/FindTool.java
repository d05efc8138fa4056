package io.djinnbot.server.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code find {pattern, path?}}: files and folders whose name matches a glob. */
public final class FindTool extends WorkspaceTool {
    static final int MAX_RESULTS = 500;

    @Override
    public String name() {
        return "find";
    }

    @Override
    public String description() {
        return "Find files and folders by glob, e.g. *.md or src/**/*.py. A pattern without '/' matches "
                + "names; one with '/' matches paths relative to the search folder. Folders end with '/'.";
    }

    @Override
    public Map<String, Object> schema() {
        return Schemas.object(Schemas.properties(
                "pattern", Schemas.string("Glob pattern"),
                "path", Schemas.string("Folder to search, relative to the workspace (default: all)")), "pattern");
    }

    @Override
    ToolResult execute(JsonNode args, ToolContext context) throws IOException {
        String pattern = requiredText(args, "pattern");
        String given = optionalText(args, "path");
        Path start = context.workspace().resolve(given);
        if (!Files.isDirectory(start)) {
            return ToolResult.error("no such folder: " + given);
        }
        FileWalk.Matcher matcher;
        try {
            matcher = FileWalk.glob(pattern);
        } catch (IllegalArgumentException e) {
            return ToolResult.error("invalid glob '" + pattern + "': " + e.getMessage());
        }
        List<Path> found = FileWalk.below(start, true).stream()
                .filter(path -> matcher.matches(start, path))
                .toList();
        if (found.isEmpty()) {
            return ToolResult.ok("no files match '" + pattern + "'");
        }
        StringBuilder out = new StringBuilder();
        found.stream().limit(MAX_RESULTS).forEach(path -> out.append(context.workspace().relativize(path))
                .append(Files.isDirectory(path) ? "/" : "").append('\n'));
        if (found.size() > MAX_RESULTS) {
            out.append("[").append(found.size() - MAX_RESULTS).append(" more results not shown]\n");
        }
        return ToolResult.ok(out.toString());
    }
}
