package io.djinnbot.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Builds run events for tests, and their SSE wire form. */
final class Events {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final long T0 = 1_700_000_000_000L;

    private Events() {
    }

    /** An event with the given id, type, time offset from {@link #T0} and fields. */
    static RunEvent event(long id, String type, long offsetMillis, Map<String, ?> fields) {
        ObjectNode data = MAPPER.createObjectNode();
        data.put("id", id);
        data.put("type", type);
        data.put("timestamp", T0 + offsetMillis);
        data.put("run_id", "run_0123456789ab");
        fields.forEach((key, value) -> data.set(key, MAPPER.valueToTree(value)));
        return new RunEvent(id, type, T0 + offsetMillis, data);
    }

    /** The SSE frame of an event. */
    static String frame(RunEvent event) {
        return "id: " + event.id() + "\nevent: " + event.type() + "\ndata: " + event.data() + "\n\n";
    }
}
