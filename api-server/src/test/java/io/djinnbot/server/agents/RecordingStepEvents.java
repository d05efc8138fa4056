package io.djinnbot.server.agents;

import io.djinnbot.server.llm.LlmCallRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every report of a step, in order, as short lines such as {@code tool_start write}. */
final class RecordingStepEvents implements StepEvents {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<LlmCallRecord> calls = new CopyOnWriteArrayList<>();
    final StringBuilder output = new StringBuilder();
    final StringBuilder thinking = new StringBuilder();

    @Override
    public synchronized void output(String chunk) {
        output.append(chunk);
        lines.add("output");
    }

    @Override
    public synchronized void thinking(String chunk) {
        thinking.append(chunk);
        lines.add("thinking");
    }

    @Override
    public void toolStart(String toolCallId, String toolName, String argsJson) {
        lines.add("tool_start " + toolName);
    }

    @Override
    public void toolEnd(String toolCallId, String toolName, String result, boolean isError, long durationMs) {
        lines.add("tool_end " + toolName + (isError ? " error" : ""));
    }

    @Override
    public void fileChanged(String path, String action, long size) {
        lines.add("file_changed " + action + " " + path);
    }

    @Override
    public void llmCall(LlmCallRecord call) {
        calls.add(call);
        lines.add("llm_call");
    }

    /** The lines with consecutive repeats folded into one, to compare orders. */
    List<String> folded() {
        List<String> folded = new ArrayList<>();
        for (String line : lines) {
            if (folded.isEmpty() || !folded.getLast().equals(line)) {
                folded.add(line);
            }
        }
        return folded;
    }
}
