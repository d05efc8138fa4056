package io.djinnbot.server.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.djinnbot.server.store.JsonColumns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a run stands between steps: its loops, how often each step ran, and result-driven retries.
 * Stored as JSON in {@code runs.cursor_state} in the same transaction as the step that changed it,
 * so a resumed run continues exactly where it stopped. Not thread-safe; owned by the run's thread.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class CursorState {
    public Map<String, LoopState> loops = new LinkedHashMap<>();
    public Map<String, Integer> visits = new LinkedHashMap<>();
    public Map<String, Integer> resultRetries = new LinkedHashMap<>();
    public boolean entered;

    /** One loop's items and progress. */
    public static final class LoopState {
        public List<String> items = new ArrayList<>();
        public int index;
        public List<String> completed = new ArrayList<>();
        public boolean done;

        public String currentItem() {
            return index < items.size() ? items.get(index) : null;
        }
    }

    public static CursorState read(String json) {
        if (json == null || json.isBlank() || json.equals("{}")) {
            return new CursorState();
        }
        try {
            return JsonColumns.mapper().readValue(json, CursorState.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored run cursor is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    public String write() {
        return JsonColumns.write(this);
    }

    /** The loop most recently entered that still has items, or null. */
    public Map.Entry<String, LoopState> activeLoop() {
        Map.Entry<String, LoopState> active = null;
        for (Map.Entry<String, LoopState> entry : loops.entrySet()) {
            if (!entry.getValue().done) {
                active = entry;
            }
        }
        return active;
    }
}
