package io.djinnbot.server.settings;

import com.fasterxml.jackson.databind.JsonNode;
import io.djinnbot.server.app.errors.ApiException;
import io.djinnbot.server.store.Database;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/settings}: the global settings of the original, snake_case. PUT replaces the whole set:
 * omitted fields return to their defaults. camelCase field names are accepted on input.
 */
@Path("/v1/settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class GlobalSettingsResource {
    private final Database database;
    private final Map<String, Object> defaults;

    public GlobalSettingsResource(Database database, String defaultModel) {
        this.database = database;
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("default_working_model", defaultModel);
        values.put("default_planning_model", "");
        values.put("default_executor_model", "");
        values.put("default_thinking_model", defaultModel);
        values.put("default_slack_decision_model", defaultModel);
        values.put("default_working_model_thinking_level", "off");
        values.put("default_thinking_model_thinking_level", "medium");
        values.put("default_slack_decision_model_thinking_level", "off");
        values.put("default_step_timeout_sec", 300);
        values.put("pulse_interval_minutes", 30);
        values.put("pulse_enabled", true);
        values.put("user_slack_id", "");
        values.put("ptc_enabled", true);
        values.put("chat_inactivity_timeout_sec", 180);
        values.put("chat_hard_timeout_sec", 900);
        values.put("chat_idle_timeout_min", 30);
        values.put("wake_enabled", true);
        values.put("wake_cooldown_sec", 300);
        values.put("max_wakes_per_day", 12);
        values.put("max_wakes_per_pair_per_day", 5);
        values.put("max_concurrent_pulse_sessions", 2);
        values.put("default_pulse_timeout_sec", 120);
        values.put("max_auto_continuations", 50);
        this.defaults = Map.copyOf(values);
        this.order = List.copyOf(values.keySet());
    }

    private final List<String> order;

    @GET
    public Map<String, Object> get() {
        Map<String, String> stored = new LinkedHashMap<>();
        database.read(handle -> handle.createQuery("SELECT key, value FROM global_settings")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).list())
                .forEach(entry -> stored.put(entry.getKey(), entry.getValue()));
        Map<String, Object> view = new LinkedHashMap<>();
        for (String key : order) {
            Object fallback = defaults.get(key);
            String value = stored.get(key);
            view.put(key, value == null || value.isEmpty() ? fallback : parse(value, fallback));
        }
        return view;
    }

    @PUT
    public Map<String, Object> put(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("request body must be a JSON object of settings");
        }
        Map<String, Object> values = get();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            String key = snake(field.getKey());
            if (!defaults.containsKey(key)) {
                throw ApiException.badRequest("unknown setting '" + field.getKey() + "'; known: "
                        + String.join(", ", order));
            }
            values.put(key, typed(key, field.getValue(), defaults.get(key)));
        }
        long now = System.currentTimeMillis();
        database.writeVoid(handle -> values.forEach((key, value) -> handle.createUpdate("""
                        INSERT INTO global_settings (key, value, updated_at) VALUES (:key, :value, :now)
                        ON CONFLICT (key) DO UPDATE SET value = :value, updated_at = :now""")
                .bind("key", key).bind("value", String.valueOf(value)).bind("now", now).execute()));
        return values;
    }

    private static Object typed(String key, JsonNode node, Object fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (fallback instanceof Boolean) {
            if (!node.isBoolean()) {
                throw ApiException.badRequest("setting '" + key + "' must be true or false");
            }
            return node.asBoolean();
        }
        if (fallback instanceof Integer) {
            if (!node.canConvertToInt() || !node.isIntegralNumber()) {
                throw ApiException.badRequest("setting '" + key + "' must be a whole number");
            }
            return node.asInt();
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("setting '" + key + "' must be a string");
        }
        return node.asText();
    }

    private static Object parse(String value, Object fallback) {
        if (fallback instanceof Boolean) {
            return Boolean.parseBoolean(value);
        }
        if (fallback instanceof Integer) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return value;
    }

    static String snake(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
