package io.djinnbot.console.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event of {@code /v1/events/stream}.
 *
 * @param id the global sequence number, also the SSE {@code id:}
 * @param type the event name, see {@link io.djinnbot.model.EventType}
 * @param runId the run it belongs to, or null
 * @param stepId the step it belongs to, or null
 * @param agentId the agent that caused it, or null
 * @param timestamp epoch milliseconds
 * @param data the whole JSON payload
 */
public record ServerEvent(long id, String type, String runId, String stepId, String agentId, long timestamp,
                          JsonNode data) {

    /** A text field of the payload, or null when absent or JSON null. */
    public String text(String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    /** A numeric field of the payload, or 0 when absent. */
    public long number(String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull() ? 0 : node.asLong();
    }

    /** A decimal field of the payload, or 0 when absent. */
    public double decimal(String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull() ? 0 : node.asDouble();
    }

    /** A boolean field of the payload, false when absent. */
    public boolean flag(String field) {
        JsonNode node = data.get(field);
        return node != null && node.asBoolean();
    }
}
