package io.djinnbot.server.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** {@code write {path, content}}: creates or replaces a file, making parent folders. */
public final class WriteTool extends WorkspaceTool {

    @Override
    public String name() {
        return "write";
    }

    @Override
    public String description() {
        return "Create a file, or replace its whole content, in the workspace. Parent folders are created.";
    }

    @Override
    public Map<String, Object> schema() {
        return Schemas.object(Schemas.properties(
                "path", Schemas.string("File path relative to the workspace"),
                "content", Schemas.string("The complete new content of the file")), "path", "content");
    }

    @Override
    ToolResult execute(JsonNode args, ToolContext context) throws IOException {
        String given = requiredText(args, "path");
        String content = requiredText(args, "content");
        Path file = context.workspace().resolve(given);
        if (file.equals(context.workspace().root()) || Files.isDirectory(file)) {
            return ToolResult.error(given + " is a directory; give a file path");
        }
        boolean existed = Files.exists(file);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Files.write(file, bytes);
        String relative = context.workspace().relativize(file);
        String action = existed ? "modify" : "create";
        context.fileChanges().fileChanged(relative, action, bytes.length);
        return ToolResult.ok((existed ? "Updated " : "Created ") + relative + " (" + bytes.length + " bytes)");
    }
}
