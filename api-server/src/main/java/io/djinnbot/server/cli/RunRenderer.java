package io.djinnbot.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.djinnbot.model.EventType;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the events of one run into terminal lines: a line per step transition, the agent's streamed output
 * collapsed to one abbreviated line per stretch, tool calls, changed files and a progress line.
 *
 * <p>On a terminal the progress line stays at the bottom and is rewritten in place; otherwise it is printed as a
 * plain line when a step completes. All time comes from the events themselves (and {@link #tick}), so the output
 * depends only on the input. Thread-safe: every public method is synchronized.
 */
public final class RunRenderer {
    static final int OUTPUT_WIDTH = 100;
    private static final int KEPT_CHARS = 4 * OUTPUT_WIDTH;
    private static final int TOOL_ARG_WIDTH = 60;
    private static final String CLEAR_LINE = "\r\033[2K";
    private static final List<String> KEY_ARGUMENTS = List.of("path", "file", "file_path", "command", "query", "url");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PrintStream out;
    private final boolean terminal;
    private final boolean quiet;
    private final RunInfo run;
    private final Map<String, Segment> segments = new LinkedHashMap<>();
    private long startMillis;
    private long nowMillis;
    private int stepsDone;
    private long tokens;
    private double cost;
    private int labelWidth = 8;
    private boolean progressOnScreen;
    private boolean ended;

    public RunRenderer(PrintStream out, boolean terminal, boolean quiet, RunInfo run) {
        this.out = out;
        this.terminal = terminal;
        this.quiet = quiet;
        this.run = run;
        this.startMillis = run.createdAt();
        run.stepIds().forEach(step -> labelWidth = Math.max(labelWidth, step.length()));
    }

    /** Prints the line that introduces the run. */
    public synchronized void begin(String task) {
        line("● run " + run.id() + " · " + run.pipelineId() + " · " + abbreviate(collapse(task), OUTPUT_WIDTH));
    }

    /**
     * Renders one event and says whether it ended the run. Events after the end and events of unknown types are
     * ignored.
     */
    public synchronized Optional<RunEnd> accept(RunEvent event) {
        if (ended) {
            return Optional.empty();
        }
        if (event.timestamp() > 0) {
            if (startMillis <= 0) {
                startMillis = event.timestamp();
            }
            nowMillis = Math.max(nowMillis, event.timestamp());
        }
        String step = event.text("step_id");
        switch (event.type()) {
            case EventType.STEP_QUEUED -> stepLine(step, "·", event.text("agent_id") + "  queued");
            case EventType.STEP_STARTED -> stepLine(step, "▶", event.text("agent_id") + "  started"
                    + startDetail(event));
            case EventType.STEP_COMPLETE -> stepCompleted(step, event);
            case EventType.STEP_FAILED -> stepLine(step, "✗", "failed: " + oneLine(event.text("error"))
                    + (event.data().path("will_retry").asBoolean(false) ? " (will retry)" : ""));
            case EventType.STEP_RETRYING -> stepLine(step, "↻", "retrying" + attemptDetail(event)
                    + (event.text("error").isBlank() ? "" : ": " + oneLine(event.text("error"))));
            case EventType.STEP_CANCELLED -> stepLine(step, "■", "cancelled");
            case EventType.AGENT_OUTPUT -> segment(step).output.add(event.text("chunk"));
            case EventType.AGENT_THINKING -> segment(step).thinking.add(event.text("chunk"));
            case EventType.TOOL_CALL_START -> detailLine(step, "  ⚙ " + event.text("tool_name")
                    + keyArgument(event.text("args")));
            case EventType.TOOL_CALL_END -> toolEnded(step, event);
            case EventType.FILE_CHANGED -> detailLine(step, fileLine(event));
            case EventType.LLM_CALL -> {
                countCall(event);
                if (!event.text("error").isBlank()) {
                    // A failed model call (rate limit, dropped stream) is retried; say why the step is waiting.
                    detailLine(step, "  ! model call failed: " + abbreviate(oneLine(event.text("error")), 100));
                }
            }
            case EventType.RUN_COMPLETE -> {
                return Optional.of(finish(new RunEnd(RunEnd.Kind.COMPLETED, "")));
            }
            case EventType.RUN_FAILED -> {
                return Optional.of(finish(new RunEnd(RunEnd.Kind.FAILED, event.text("error"))));
            }
            case EventType.RUN_CANCELLED -> {
                return Optional.of(finish(new RunEnd(RunEnd.Kind.CANCELLED, event.text("reason"))));
            }
            default -> {
                return Optional.empty();
            }
        }
        if (terminal && !quiet) {
            drawProgress();
        }
        return Optional.empty();
    }

    /** Moves the clock of the progress line on while no events arrive (terminal only). */
    public synchronized void tick(long epochMillis) {
        if (ended || !terminal || quiet || startMillis <= 0) {
            return;
        }
        nowMillis = Math.max(nowMillis, epochMillis);
        drawProgress();
    }

    /** Prints a notice (a reconnect, a cancel request) without breaking the progress line. */
    public synchronized void notice(String text) {
        line(text);
        if (terminal && !quiet && !ended) {
            drawProgress();
        }
    }

    /** The progress line as it is shown, e.g. {@code [00:12] 3 steps done · 4,210 tokens · $0.0000}. */
    public synchronized String progressLine() {
        return "[" + clock(Math.max(0, nowMillis - startMillis)) + "] " + stepsDone
                + (stepsDone == 1 ? " step" : " steps") + " done · "
                + String.format(Locale.ROOT, "%,d", tokens) + " tokens · "
                + String.format(Locale.ROOT, "$%.4f", cost);
    }

    private void stepCompleted(String step, RunEvent event) {
        stepsDone++;
        long duration = event.number("duration_ms");
        stepLine(step, "✓", "completed" + (duration >= 0 ? " in " + duration(duration) : ""));
        if (!terminal && !quiet) {
            line(progressLine());
        }
    }

    private void toolEnded(String step, RunEvent event) {
        if (event.data().path("is_error").asBoolean(false)) {
            detailLine(step, "  ⚠ " + event.text("tool_name") + " failed: "
                    + abbreviate(collapse(event.text("result")), OUTPUT_WIDTH));
        }
    }

    private void countCall(RunEvent event) {
        JsonNode data = event.data();
        if (data.path("total_tokens").isNumber()) {
            tokens += data.path("total_tokens").asLong();
        } else {
            tokens += Math.max(0, event.number("input_tokens")) + Math.max(0, event.number("output_tokens"));
        }
        if (data.path("cost_total").isNumber()) {
            cost += data.path("cost_total").asDouble();
        }
    }

    private RunEnd finish(RunEnd end) {
        for (String step : List.copyOf(segments.keySet())) {
            flush(step);
        }
        ended = true;
        String totals = " · " + stepsDone + (stepsDone == 1 ? " step" : " steps") + " · "
                + String.format(Locale.ROOT, "%,d", tokens) + " tokens · " + String.format(Locale.ROOT, "$%.4f", cost);
        String elapsed = duration(Math.max(0, nowMillis - startMillis));
        switch (end.kind()) {
            case COMPLETED -> {
                line("✓ run " + run.id() + " completed in " + elapsed + totals);
                if (!run.workspace().isBlank()) {
                    line("  workspace: " + run.workspace());
                }
            }
            case FAILED -> line("✗ run " + run.id() + " failed: "
                    + (end.message().isBlank() ? "no reason given" : oneLine(end.message())));
            case CANCELLED -> line("■ run " + run.id() + " cancelled"
                    + (end.message().isBlank() ? "" : ": " + oneLine(end.message())));
        }
        return end;
    }

    private void stepLine(String step, String mark, String text) {
        flush(step);
        labelWidth = Math.max(labelWidth, step.length());
        if (!quiet) {
            line(mark + " " + String.format(Locale.ROOT, "%-" + labelWidth + "s", step) + "  " + text);
        }
    }

    private void detailLine(String step, String text) {
        flush(step);
        if (!quiet) {
            line(text);
        }
    }

    private Segment segment(String step) {
        return segments.computeIfAbsent(step, key -> new Segment(new Stretch(), new Stretch()));
    }

    private void flush(String step) {
        Segment segment = segments.remove(step);
        if (segment == null || quiet) {
            return;
        }
        if (!segment.thinking.isEmpty()) {
            line("  … " + segment.thinking.abbreviated());
        }
        if (!segment.output.isEmpty()) {
            line("  │ " + segment.output.abbreviated());
        }
    }

    private void line(String text) {
        if (quiet && !ended) {
            return;
        }
        if (progressOnScreen) {
            out.print(CLEAR_LINE);
            progressOnScreen = false;
        }
        out.println(text);
    }

    private void drawProgress() {
        if (startMillis <= 0) {
            return;
        }
        out.print(CLEAR_LINE + progressLine());
        out.flush();
        progressOnScreen = true;
    }

    private static String startDetail(RunEvent event) {
        String model = event.text("model");
        long attempt = event.number("attempt");
        String item = event.text("loop_item");
        String itemDetail = item.isBlank() ? "" : " · " + abbreviate(oneLine(item), 60);
        if (attempt > 1) {
            return " (attempt " + attempt + (model.isBlank() ? "" : ", " + model) + ")" + itemDetail;
        }
        return (model.isBlank() ? "" : " (" + model + ")") + itemDetail;
    }

    private static String attemptDetail(RunEvent event) {
        long attempt = event.number("attempt");
        return attempt > 0 ? " (attempt " + attempt + ")" : "";
    }

    private static String keyArgument(String args) {
        if (args.isBlank()) {
            return "";
        }
        try {
            JsonNode node = MAPPER.readTree(args);
            if (node != null && node.isObject()) {
                for (String key : KEY_ARGUMENTS) {
                    if (node.path(key).isTextual()) {
                        return " " + abbreviate(collapse(node.path(key).asText()), TOOL_ARG_WIDTH);
                    }
                }
                for (JsonNode value : node) {
                    if (value.isTextual()) {
                        return " " + abbreviate(collapse(value.asText()), TOOL_ARG_WIDTH);
                    }
                }
                return "";
            }
        } catch (IOException notJson) {
            // plain-text arguments are shown as they are
        }
        return " " + abbreviate(collapse(args), TOOL_ARG_WIDTH);
    }

    private static String fileLine(RunEvent event) {
        String mark = switch (event.text("action")) {
            case "create" -> "+";
            case "delete" -> "-";
            default -> "~";
        };
        long size = event.number("size");
        return "  " + mark + " " + event.text("path") + (size >= 0 && !"delete".equals(event.text("action"))
                ? " (" + bytes(size) + ")" : "");
    }

    static String bytes(long size) {
        if (size < 1024) {
            return size + " B";
        }
        if (size < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", size / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", size / (1024.0 * 1024.0));
    }

    static String duration(long millis) {
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm %02ds", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    static String clock(long millis) {
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    static String collapse(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    static String abbreviate(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1).stripTrailing() + "…";
    }

    private static String oneLine(String text) {
        return abbreviate(collapse(text), 3 * OUTPUT_WIDTH);
    }

    /** The streamed output and thinking of one step since its last transition. */
    private record Segment(Stretch output, Stretch thinking) {
    }

    /** Collected chunks, kept only as far as they can be shown. */
    private static final class Stretch {
        private final StringBuilder kept = new StringBuilder();
        private boolean truncated;

        void add(String chunk) {
            int room = KEPT_CHARS - kept.length();
            if (chunk.length() > room) {
                kept.append(chunk, 0, Math.max(0, room));
                truncated = true;
            } else {
                kept.append(chunk);
            }
        }

        boolean isEmpty() {
            return collapse(kept.toString()).isEmpty();
        }

        String abbreviated() {
            String text = collapse(kept.toString());
            if (truncated && text.length() < OUTPUT_WIDTH) {
                return text + "…";
            }
            return abbreviate(text, OUTPUT_WIDTH);
        }
    }
}
