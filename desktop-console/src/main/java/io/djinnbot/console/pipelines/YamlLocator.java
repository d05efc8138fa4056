package io.djinnbot.console.pipelines;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the line a validation path such as {@code steps[1].agent} points at in a pipeline's YAML. */
public final class YamlLocator {
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_][\\w-]*)(?:\\[(\\d+)])?");

    private YamlLocator() {
    }

    /** The 0-based line for {@code path}, the nearest enclosing line when the key is missing, or -1. */
    public static int lineOf(String yaml, String path) {
        if (yaml == null || path == null || path.isBlank()) {
            return -1;
        }
        String[] lines = yaml.split("\n", -1);
        int from = 0;
        int indent = -1;
        int found = -1;
        for (String part : path.split("\\.")) {
            Matcher matcher = SEGMENT.matcher(part);
            if (!matcher.matches()) {
                break;
            }
            int keyLine = findKey(lines, from, indent, matcher.group(1));
            if (keyLine < 0) {
                break;
            }
            found = keyLine;
            indent = indentOf(lines[keyLine]);
            from = keyLine + 1;
            if (matcher.group(2) != null) {
                int item = findItem(lines, from, indent, Integer.parseInt(matcher.group(2)));
                if (item < 0) {
                    break;
                }
                found = item;
                indent = indentOf(lines[item]);
                from = item;
            }
        }
        return found;
    }

    private static int findKey(String[] lines, int from, int parentIndent, String key) {
        for (int i = from; i < lines.length; i++) {
            String line = lines[i];
            String body = line.strip();
            if (body.isEmpty() || body.startsWith("#")) {
                continue;
            }
            int indent = indentOf(line);
            if (i > from && indent <= parentIndent) {
                return -1;
            }
            String unlisted = body.startsWith("- ") ? body.substring(2).strip() : body;
            if (unlisted.startsWith(key + ":")) {
                return i;
            }
        }
        return -1;
    }

    private static int findItem(String[] lines, int from, int keyIndent, int index) {
        int seen = -1;
        for (int i = from; i < lines.length; i++) {
            String body = lines[i].strip();
            if (body.isEmpty() || body.startsWith("#")) {
                continue;
            }
            if (indentOf(lines[i]) < keyIndent || indentOf(lines[i]) == keyIndent && !body.startsWith("- ")) {
                return -1;
            }
            if (body.startsWith("- ") && indentOf(lines[i]) <= keyIndent + 2) {
                seen++;
                if (seen == index) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int indentOf(String line) {
        int count = 0;
        while (count < line.length() && line.charAt(count) == ' ') {
            count++;
        }
        return count;
    }
}
