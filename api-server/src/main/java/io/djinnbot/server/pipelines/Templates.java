package io.djinnbot.server.pipelines;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DjinnBot's prompt template language: {@code {{name}}} placeholders and non-nested
 * {@code {% if name %}...{% endif %}} blocks. Blocks are resolved before placeholders, and a value is never
 * re-scanned, so a variable holding {@code {{x}}} is inserted literally. Whitespace inside the braces is
 * tolerated ({@code {{ name }}}).
 */
public final class Templates {
    private static final Pattern IF_BLOCK = Pattern.compile(
            "\\{%\\s*if\\s+([A-Za-z0-9_]+)\\s*%\\}(.*?)\\{%\\s*endif\\s*%\\}", Pattern.DOTALL);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*\\}\\}");
    private static final Pattern IF_OPEN = Pattern.compile("\\{%\\s*if\\s+([A-Za-z0-9_]+)\\s*%\\}");
    private static final Pattern ENDIF = Pattern.compile("\\{%\\s*endif\\s*%\\}");

    private Templates() {
    }

    /** Renders a template; a missing variable becomes the empty string. */
    public static String render(String template, Map<String, String> vars) {
        if (template == null || template.isEmpty()) {
            return "";
        }
        Matcher blocks = IF_BLOCK.matcher(template);
        StringBuilder withBlocks = new StringBuilder();
        while (blocks.find()) {
            String value = vars.get(blocks.group(1));
            String kept = value != null && !value.isBlank() ? blocks.group(2) : "";
            blocks.appendReplacement(withBlocks, Matcher.quoteReplacement(kept));
        }
        blocks.appendTail(withBlocks);

        Matcher placeholders = PLACEHOLDER.matcher(withBlocks);
        StringBuilder rendered = new StringBuilder();
        while (placeholders.find()) {
            String value = vars.getOrDefault(placeholders.group(1), "");
            placeholders.appendReplacement(rendered, Matcher.quoteReplacement(value == null ? "" : value));
        }
        placeholders.appendTail(rendered);
        return rendered.toString();
    }

    /** Names used in placeholders outside every if-block: the template reads them unconditionally. */
    public static Set<String> requiredVariables(String template) {
        if (template == null) {
            return Set.of();
        }
        return placeholderNames(IF_BLOCK.matcher(template).replaceAll(""));
    }

    /** Every name the template mentions: placeholders anywhere and if-conditions. */
    public static Set<String> allVariables(String template) {
        if (template == null) {
            return Set.of();
        }
        Set<String> names = new LinkedHashSet<>(placeholderNames(template));
        Matcher conditions = IF_OPEN.matcher(template);
        while (conditions.find()) {
            names.add(conditions.group(1));
        }
        return names;
    }

    /**
     * A sentence describing an {@code {% if %}} without its {@code {% endif %}} (or the reverse), or null when
     * the blocks are balanced. Such text is left as it is by {@link #render}.
     */
    static String blockProblem(String template) {
        if (template == null) {
            return null;
        }
        String rest = IF_BLOCK.matcher(template).replaceAll("");
        Matcher open = IF_OPEN.matcher(rest);
        if (open.find()) {
            return "'{% if " + open.group(1) + " %}' has no matching '{% endif %}'";
        }
        if (ENDIF.matcher(rest).find()) {
            return "'{% endif %}' has no matching '{% if ... %}'";
        }
        return null;
    }

    private static Set<String> placeholderNames(CharSequence text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
