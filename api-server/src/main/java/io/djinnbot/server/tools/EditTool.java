package io.djinnbot.server.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** {@code edit {path, oldText, newText}}: replaces one exact, unique piece of a file. */
public final class EditTool extends WorkspaceTool {

    @Override
    public String name() {
        return "edit";
    }

    @Override
    public String description() {
        return "Replace one exact piece of text in a file. oldText must match exactly once, whitespace included; "
                + "add surrounding lines to make it unique.";
    }

    @Override
    public Map<String, Object> schema() {
        return Schemas.object(Schemas.properties(
                "path", Schemas.string("File path relative to the workspace"),
                "oldText", Schemas.string("The exact text to replace"),
                "newText", Schemas.string("The replacement text")), "path", "oldText", "newText");
    }

    @Override
    ToolResult execute(JsonNode args, ToolContext context) throws IOException {
        String given = requiredText(args, "path");
        String oldText = requiredText(args, "oldText");
        String newText = requiredText(args, "newText");
        if (oldText.isEmpty()) {
            return ToolResult.error("oldText must not be empty; use write to create or replace a whole file");
        }
        Path file = context.workspace().resolve(given);
        if (!Files.isRegularFile(file)) {
            return ToolResult.error("no such file: " + given);
        }
        String content = Files.readString(file, StandardCharsets.UTF_8);
        int first = content.indexOf(oldText);
        if (first < 0) {
            return ToolResult.error("oldText was not found in " + given
                    + "; it must match exactly, including whitespace and line breaks");
        }
        int matches = count(content, oldText);
        if (matches > 1) {
            return ToolResult.error("oldText matches " + matches + " places in " + given
                    + "; include more surrounding text so it matches exactly once");
        }
        String updated = content.substring(0, first) + newText + content.substring(first + oldText.length());
        byte[] bytes = updated.getBytes(StandardCharsets.UTF_8);
        Files.write(file, bytes);
        String relative = context.workspace().relativize(file);
        context.fileChanges().fileChanged(relative, "modify", bytes.length);
        return ToolResult.ok("Edited " + relative + ": replaced " + oldText.lines().count() + " line(s) with "
                + newText.lines().count() + " line(s)");
    }

    private static int count(String content, String part) {
        int matches = 0;
        for (int at = content.indexOf(part); at >= 0; at = content.indexOf(part, at + 1)) {
            matches++;
        }
        return matches;
    }
}
