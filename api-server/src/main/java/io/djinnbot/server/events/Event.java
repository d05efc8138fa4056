package io.djinnbot.server.events;

/**
 * A persisted event: its global sequence number, the run it belongs to (or null), its type and
 * the JSON sent as the SSE {@code data:} line (which repeats id, type, timestamp and run_id).
 */
public record Event(long seq, String runId, String type, long timestamp, String json) {
}
