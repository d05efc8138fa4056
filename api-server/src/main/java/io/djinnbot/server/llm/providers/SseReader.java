package io.djinnbot.server.llm.providers;

import java.io.IOException;
import okio.BufferedSource;

/**
 * Reads server-sent events from a response body. Lines are split on the byte {@code \n} before they are
 * decoded, so a multi-byte character split across network reads is decoded whole. Not thread-safe.
 */
final class SseReader {
    /** One event: its type ({@code message} when none is named) and its data lines joined by {@code \n}. */
    record SseEvent(String type, String data) {
    }

    private final BufferedSource source;
    private boolean ended;

    SseReader(BufferedSource source) {
        this.source = source;
    }

    /** The next event, or null at the end of the stream. */
    SseEvent next() throws IOException {
        String type = null;
        StringBuilder data = null;
        while (!ended) {
            String line = source.readUtf8Line();
            if (line == null) {
                ended = true;
                break;
            }
            if (line.isEmpty()) {
                if (data != null) {
                    return new SseEvent(type == null ? "message" : type, data.toString());
                }
                type = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("event")) {
                type = value;
            } else if (field.equals("data")) {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
        }
        // a last event without its blank line is dropped, as the SSE specification says
        return null;
    }
}
