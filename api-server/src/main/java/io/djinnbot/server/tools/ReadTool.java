package io.djinnbot.server.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code read {path, offset?, limit?}}: a line-numbered slice of a text file. */
public final class ReadTool extends WorkspaceTool {
    static final int DEFAULT_LIMIT = 2000;
    static final int MAX_CHARS = 50_000;
    private static final int MAX_LINE = 2000;

    @Override
    public String name() {
        return "read";
    }

    @Override
    public String description() {
        return "Read a text file of the workspace. Lines are numbered from 1. Use offset (first line) and limit "
                + "(number of lines) to page through large files.";
    }

    @Override
    public Map<String, Object> schema() {
        return Schemas.object(Schemas.properties(
                "path", Schemas.string("File path relative to the workspace"),
                "offset", Schemas.integer("Line number to start at (1-based)"),
                "limit", Schemas.integer("Maximum number of lines to read")), "path");
    }

    @Override
    ToolResult execute(JsonNode args, ToolContext context) throws IOException {
        String given = requiredText(args, "path");
        Path file = context.workspace().resolve(given);
        if (Files.isDirectory(file)) {
            return ToolResult.error(given + " is a directory; use ls to list it");
        }
        byte[] bytes = Files.readAllBytes(file);
        for (byte b : bytes) {
            if (b == 0) {
                return ToolResult.error(given + " is a binary file (" + bytes.length + " bytes)");
            }
        }
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        Integer offsetArg = optionalInt(args, "offset");
        Integer limitArg = optionalInt(args, "limit");
        int first = Math.max(1, offsetArg == null ? 1 : offsetArg);
        int limit = limitArg == null || limitArg <= 0 ? DEFAULT_LIMIT : limitArg;
        if (lines.isEmpty()) {
            return ToolResult.ok("(" + given + " is empty)");
        }
        if (first > lines.size()) {
            return ToolResult.error("offset " + first + " is past the end of " + given + " (" + lines.size()
                    + " lines)");
        }
        StringBuilder out = new StringBuilder();
        int last = first - 1;
        for (int number = first; number <= lines.size() && number < first + limit; number++) {
            String line = lines.get(number - 1);
            if (line.length() > MAX_LINE) {
                line = line.substring(0, MAX_LINE) + " [line truncated]";
            }
            String numbered = String.format("%6d\t%s%n", number, line);
            if (out.length() + numbered.length() > MAX_CHARS && number > first) {
                break;
            }
            out.append(numbered);
            last = number;
        }
        if (last < lines.size()) {
            out.append("\n[showing lines ").append(first).append('-').append(last).append(" of ").append(lines.size())
                    .append("; use offset=").append(last + 1).append(" to read more]\n");
        }
        return ToolResult.ok(out.toString());
    }
}
