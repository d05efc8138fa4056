package io.djinnbot.server.agents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads step outputs from an agent's final text when it did not call {@code complete}: a JSON
 * object first, then {@code KEY: value} lines. Stateless.
 */
public final class OutputExtractor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KEY_LINE = Pattern.compile("^([A-Z_][A-Z0-9_]+|[a-z_][a-z0-9_]+):(.*)$");
    private static final Pattern FENCE = Pattern.compile("```(?:json)?\\s*\\n(.*?)\\n\\s*```", Pattern.DOTALL);
    private static final List<String> ALWAYS_KEPT = List.of("status", "summary", "error");

    private OutputExtractor() {
    }

    /** Outputs from the final text: JSON when it holds an object with outputs, else key-value lines. */
    public static Map<String, String> fromText(String text, List<String> declared) {
        Map<String, String> fromJson = fromJson(text, declared);
        return fromJson.isEmpty() ? fromKeyValueLines(text) : fromJson;
    }

    /**
     * Parses {@code KEY: value} lines. A key starts at column 0 and is all upper-case or all
     * lower-case ({@code [A-Za-z_][A-Za-z0-9_]+}); lines indented by two spaces continue the value;
     * other lines are ignored. Keys are lower-cased and a repeated key overwrites.
     */
    public static Map<String, String> fromKeyValueLines(String text) {
        Map<String, String> outputs = new LinkedHashMap<>();
        if (text == null) {
            return outputs;
        }
        String key = null;
        StringBuilder value = new StringBuilder();
        for (String line : text.split("\\R", -1)) {
            Matcher matcher = KEY_LINE.matcher(line);
            if (matcher.matches()) {
                if (key != null) {
                    outputs.put(key, value.toString().strip());
                }
                key = matcher.group(1).toLowerCase(Locale.ROOT);
                value.setLength(0);
                value.append(matcher.group(2).strip());
            } else if (key != null && line.startsWith("  ")) {
                value.append('\n').append(line.strip());
            }
        }
        if (key != null) {
            outputs.put(key, value.toString().strip());
        }
        return outputs;
    }

    /**
     * Parses the first JSON object found in the text (the whole text, a fenced block, or the span
     * from the first {@code {} to the last {@code }}). With declared keys, keeps those present
     * (plus status, summary and error; an {@code outputs} object is searched too), and when exactly
     * one key is declared and absent stores the whole object under it. Without declared keys keeps
     * every top-level key. Non-string values are JSON-encoded; keys are lower-cased.
     */
    public static Map<String, String> fromJson(String text, List<String> declared) {
        JsonNode object = findObject(text);
        Map<String, String> outputs = new LinkedHashMap<>();
        if (object == null) {
            return outputs;
        }
        Map<String, JsonNode> fields = lowerCaseFields(object);
        if (declared == null || declared.isEmpty()) {
            fields.forEach((key, value) -> outputs.put(key, asText(value)));
            return outputs;
        }
        Map<String, JsonNode> nested = fields.get("outputs") != null && fields.get("outputs").isObject()
                ? lowerCaseFields(fields.get("outputs")) : Map.of();
        for (String key : declared) {
            String lower = key.toLowerCase(Locale.ROOT);
            JsonNode value = fields.containsKey(lower) ? fields.get(lower) : nested.get(lower);
            if (value != null && !value.isNull()) {
                outputs.put(lower, asText(value));
            }
        }
        if (outputs.isEmpty() && declared.size() == 1) {
            outputs.put(declared.getFirst().toLowerCase(Locale.ROOT), object.toString());
        }
        for (String key : ALWAYS_KEPT) {
            if (fields.containsKey(key) && !outputs.containsKey(key)) {
                outputs.put(key, asText(fields.get(key)));
            }
        }
        return outputs;
    }

    private static JsonNode findObject(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        JsonNode whole = parseObject(text.strip());
        if (whole != null) {
            return whole;
        }
        Matcher fence = FENCE.matcher(text);
        while (fence.find()) {
            JsonNode fenced = parseObject(fence.group(1).strip());
            if (fenced != null) {
                return fenced;
            }
        }
        int first = text.indexOf('{');
        int last = text.lastIndexOf('}');
        return first >= 0 && last > first ? parseObject(text.substring(first, last + 1)) : null;
    }

    private static JsonNode parseObject(String candidate) {
        if (!candidate.startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(candidate);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static Map<String, JsonNode> lowerCaseFields(JsonNode object) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        object.properties().forEach(entry -> fields.put(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue()));
        return fields;
    }

    /** A string value as it is; anything else as its JSON text. */
    static String asText(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }
}
