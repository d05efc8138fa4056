package io.djinnbot.server.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A workspace tool an agent may call. Problems are reported as error results, never thrown; only
 * an interrupt ends a tool call early.
 */
public interface Tool {
    String name();

    String description();

    /** The JSON schema of the arguments object. */
    Map<String, Object> schema();

    ToolResult run(JsonNode args, ToolContext context) throws InterruptedException;
}
