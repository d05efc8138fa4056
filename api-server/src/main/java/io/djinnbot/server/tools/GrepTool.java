package io.djinnbot.server.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** {@code grep {pattern, path?, glob?}}: regex search over text files, as {@code path:line: text}. */
public final class GrepTool extends WorkspaceTool {
    static final int MAX_MATCHES = 200;
    private static final long MAX_FILE_BYTES = 2L * 1024 * 1024;
    private static final int MAX_LINE = 300;

    @Override
    public String name() {
        return "grep";
    }

    @Override
    public String description() {
        return "Search file contents with a regular expression (Java syntax). Optional path (file or folder) and "
                + "glob (e.g. *.py) narrow the search. Prints path:line: text.";
    }

    @Override
    public Map<String, Object> schema() {
        return Schemas.object(Schemas.properties(
                "pattern", Schemas.string("Regular expression to look for"),
                "path", Schemas.string("File or folder relative to the workspace (default: all)"),
                "glob", Schemas.string("Only files whose name matches this glob")), "pattern");
    }

    @Override
    ToolResult execute(JsonNode args, ToolContext context) throws IOException, InterruptedException {
        String patternText = requiredText(args, "pattern");
        Pattern pattern;
        try {
            pattern = Pattern.compile(patternText);
        } catch (PatternSyntaxException e) {
            return ToolResult.error("invalid regular expression '" + patternText + "': " + e.getDescription());
        }
        String given = optionalText(args, "path");
        String glob = optionalText(args, "glob");
        Path start = context.workspace().resolve(given);
        if (!Files.exists(start)) {
            return ToolResult.error("no such file or folder: " + given);
        }
        List<Path> files = Files.isDirectory(start) ? FileWalk.below(start, false) : List.of(start);
        FileWalk.Matcher matcher = glob == null || glob.isBlank() ? null : FileWalk.glob(glob);
        StringBuilder out = new StringBuilder();
        int matches = 0;
        for (Path file : files) {
            if (Thread.interrupted() || context.cancel().isCancelled()) {
                throw new InterruptedException("grep cancelled");
            }
            if ((matcher != null && !matcher.matches(start, file)) || Files.size(file) > MAX_FILE_BYTES) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(file);
            if (isBinary(bytes)) {
                continue;
            }
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            String relative = context.workspace().relativize(file);
            for (int i = 0; i < lines.size(); i++) {
                if (pattern.matcher(lines.get(i)).find()) {
                    matches++;
                    if (matches > MAX_MATCHES) {
                        out.append("[more matches not shown; the first ").append(MAX_MATCHES)
                                .append(" are listed, narrow the pattern, path or glob]\n");
                        return ToolResult.ok(out.toString());
                    }
                    String line = lines.get(i);
                    line = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "..." : line;
                    out.append(relative).append(':').append(i + 1).append(": ").append(line).append('\n');
                }
            }
        }
        return ToolResult.ok(matches == 0 ? "no matches for '" + patternText + "'" : out.toString());
    }

    private static boolean isBinary(byte[] bytes) {
        int checked = Math.min(bytes.length, 8192);
        for (int i = 0; i < checked; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
