package io.djinnbot.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * One event of a run as the command line sees it: the stream sequence number ({@code -1} when the server sent
 * none), the event type and the JSON payload.
 */
public record RunEvent(long id, String type, long timestamp, JsonNode data) {
    public RunEvent {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("event type is missing, id=" + id);
        }
        if (data == null) {
            data = JsonNodeFactory.instance.objectNode();
        }
    }

    /**
     * Reads an event from the three SSE fields. The JSON {@code type} wins over the SSE event name, and the SSE id
     * wins over the JSON {@code id}.
     */
    public static RunEvent parse(ObjectMapper mapper, String sseId, String sseType, String json) {
        JsonNode data;
        try {
            data = mapper.readTree(json == null ? "" : json);
        } catch (IOException malformed) {
            data = null;
        }
        if (data == null || !data.isObject()) {
            ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
            wrapper.put("raw", json);
            data = wrapper;
        }
        String type = data.path("type").asText("");
        if (type.isBlank()) {
            type = sseType == null || sseType.isBlank() ? "message" : sseType;
        }
        long id = parseId(sseId);
        if (id < 0 && data.path("id").canConvertToLong()) {
            id = data.path("id").asLong();
        }
        return new RunEvent(id, type, data.path("timestamp").asLong(0), data);
    }

    private static long parseId(String sseId) {
        if (sseId == null || sseId.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(sseId.strip());
        } catch (NumberFormatException notNumeric) {
            return -1;
        }
    }

    /** The text of a field, or {@code ""} when it is absent or null. */
    public String text(String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull() ? "" : node.asText();
    }

    /** The number in a field, or {@code -1} when it is absent, null or not a number. */
    public long number(String field) {
        JsonNode node = data.get(field);
        return node != null && node.isNumber() ? node.asLong() : -1;
    }
}
