package io.djinnbot.console.app;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Short display forms for times, durations, tokens, costs and statuses. */
public final class Format {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private Format() {
    }

    /** "Dec 4 15:53:10", or empty for null. */
    public static String time(Long epochMillis) {
        return epochMillis == null ? "" : TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** "850 ms", "12.3 s", "4m 05s", "1h 02m", or empty for null. */
    public static String duration(Long millis) {
        if (millis == null) {
            return "";
        }
        if (millis < 1000) {
            return millis + " ms";
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60);
    }

    /** "1,258" tokens. */
    public static String tokens(long tokens) {
        return String.format(Locale.ROOT, "%,d", tokens);
    }

    /** "$0.0123". */
    public static String cost(double cost) {
        return String.format(Locale.ROOT, "$%.4f", cost);
    }

    /** A symbol for a run or step status. */
    public static String icon(String status) {
        return switch (status == null ? "" : status) {
            case "pending", "queued" -> "○";
            case "running" -> "▶";
            case "retrying" -> "↻";
            case "paused" -> "⏸";
            case "completed" -> "✔";
            case "failed" -> "✖";
            case "cancelled" -> "⊘";
            case "skipped" -> "»";
            default -> "?";
        };
    }
}
