package io.djinnbot.server.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Base of the file tools: reads arguments and turns every expected failure (a bad argument, a path
 * outside the workspace, an I/O error) into an error result that names the path.
 */
abstract class WorkspaceTool implements Tool {

    @Override
    public final ToolResult run(JsonNode args, ToolContext context) throws InterruptedException {
        JsonNode arguments = args == null ? NullNode.getInstance() : args;
        try {
            if (!arguments.isObject()) {
                throw new ToolException(name() + " expects a JSON object of arguments");
            }
            return execute(arguments, context);
        } catch (ToolException | IllegalArgumentException e) {
            return ToolResult.error(e.getMessage());
        } catch (NoSuchFileException e) {
            return ToolResult.error("no such file or directory: " + relative(context, e.getFile()));
        } catch (MalformedInputException e) {
            return ToolResult.error("the file is not valid UTF-8 text");
        } catch (IOException e) {
            return ToolResult.error(name() + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    abstract ToolResult execute(JsonNode args, ToolContext context) throws IOException, InterruptedException;

    static String requiredText(JsonNode args, String field) {
        JsonNode value = args.get(field);
        if (value == null || value.isNull()) {
            throw new ToolException("missing required argument '" + field + "'");
        }
        if (!value.isTextual()) {
            throw new ToolException("argument '" + field + "' must be a string");
        }
        return value.asText();
    }

    static String optionalText(JsonNode args, String field) {
        JsonNode value = args.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static Integer optionalInt(JsonNode args, String field) {
        JsonNode value = args.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber() || (value.isTextual() && value.asText().strip().matches("-?\\d+"))) {
            return value.isNumber() ? value.asInt() : Integer.parseInt(value.asText().strip());
        }
        throw new ToolException("argument '" + field + "' must be an integer");
    }

    private static String relative(ToolContext context, String file) {
        try {
            return context.workspace().relativize(Path.of(file));
        } catch (RuntimeException e) {
            return file;
        }
    }
}
