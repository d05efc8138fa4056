package io.djinnbot.server.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** {@code ls {path?}}: the entries of a folder, folders marked with a trailing slash. */
public final class LsTool extends WorkspaceTool {
    static final int MAX_ENTRIES = 500;

    @Override
    public String name() {
        return "ls";
    }

    @Override
    public String description() {
        return "List a folder of the workspace (default: the workspace root). Folders end with '/'.";
    }

    @Override
    public Map<String, Object> schema() {
        return Schemas.object(Schemas.properties("path", Schemas.string("Folder relative to the workspace")));
    }

    @Override
    ToolResult execute(JsonNode args, ToolContext context) throws IOException {
        String given = optionalText(args, "path");
        Path folder = context.workspace().resolve(given);
        if (!Files.isDirectory(folder)) {
            return Files.exists(folder)
                    ? ToolResult.error(given + " is a file, not a folder; use read")
                    : ToolResult.error("no such folder: " + given);
        }
        List<Path> entries;
        try (Stream<Path> stream = Files.list(folder)) {
            entries = stream.sorted(Comparator.comparing(path -> path.getFileName().toString())).toList();
        }
        if (entries.isEmpty()) {
            return ToolResult.ok("(empty folder)");
        }
        StringBuilder out = new StringBuilder();
        entries.stream().limit(MAX_ENTRIES).forEach(entry -> out.append(entry.getFileName())
                .append(Files.isDirectory(entry) ? "/" : "").append('\n'));
        if (entries.size() > MAX_ENTRIES) {
            out.append("[").append(entries.size() - MAX_ENTRIES).append(" more entries not shown]\n");
        }
        return ToolResult.ok(out.toString());
    }
}
