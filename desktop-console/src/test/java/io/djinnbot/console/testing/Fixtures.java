package io.djinnbot.console.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.djinnbot.console.client.ServerEvent;

/**
 * JSON answers and an event stream recorded from a real server running the engineering pipeline offline (run
 * {@value #RUN_ID}), kept under {@code src/test/resources/io/djinnbot/console/fixtures}.
 */
public final class Fixtures {
    /** The recorded run. */
    public static final String RUN_ID = "run_1adf9b39bdc0";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** A fixture file's text. */
    public static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/io/djinnbot/console/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture named " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture file as a JSON tree. */
    public static JsonNode json(String name) {
        try {
            return JSON.readTree(text(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recorded run's events, in order, as the console's event stream delivers them. */
    public static List<ServerEvent> runEvents() {
        return parseEvents(text("run-events.sse"));
    }

    /** The events of a {@code text/event-stream} body; comments and blank lines are skipped. */
    public static List<ServerEvent> parseEvents(String body) {
        List<ServerEvent> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("data: ")) {
                    data = line.substring("data: ".length());
                }
            }
            if (data != null) {
                events.add(event(data));
            }
        }
        return events;
    }

    /** One event from its JSON data line. */
    public static ServerEvent event(String data) {
        try {
            JsonNode node = JSON.readTree(data);
            return new ServerEvent(node.path("id").asLong(), node.path("type").asText(), text(node, "run_id"),
                    text(node, "step_id"), text(node, "agent_id"), node.path("timestamp").asLong(), node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event-stream text of some events, as the server writes it. */
    public static String sse(List<ServerEvent> events) {
        StringBuilder body = new StringBuilder(": connected\n\n");
        for (ServerEvent event : events) {
            body.append("event: ").append(event.type()).append('\n')
                    .append("id: ").append(event.id()).append('\n')
                    .append("data: ").append(event.data()).append("\n\n");
        }
        return body.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
