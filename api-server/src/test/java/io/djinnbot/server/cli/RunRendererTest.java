package io.djinnbot.server.cli;

import static io.djinnbot.server.cli.Events.T0;
import static io.djinnbot.server.cli.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunRendererTest {
    private static final RunInfo RUN =
            new RunInfo("run_0123456789ab", "engineering", "pending", T0, "", java.util.List.of());

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private List<String> lines() {
        return text().lines().toList();
    }

    private static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> map = new HashMap<>();
        for (int index = 0; index < keysAndValues.length; index += 2) {
            map.put((String) keysAndValues[index], keysAndValues[index + 1]);
        }
        return map;
    }

    private static List<Optional<RunEnd>> feed(RunRenderer renderer, RunEvent... events) {
        List<Optional<RunEnd>> ends = new ArrayList<>();
        for (RunEvent event : events) {
            ends.add(renderer.accept(event));
        }
        return ends;
    }

    @Test
    void stepTransitionsPrintOneLineEach() {
        RunRenderer renderer = new RunRenderer(out, false, false, RUN);

        feed(renderer,
                event(1, "step_queued", 10, fields("step_id", "SPEC", "agent_id", "nadia", "attempt", 1)),
                event(2, "step_started", 20, fields("step_id", "SPEC", "agent_id", "nadia", "attempt", 1,
                        "model", "offline/simulated")),
                event(3, "step_complete", 1220, fields("step_id", "SPEC", "agent_id", "nadia", "duration_ms", 1200,
                        "outputs", Map.of("spec", "done"))));

        assertThat(lines()).containsExactly(
                "· SPEC      nadia  queued",
                "▶ SPEC      nadia  started (offline/simulated)",
                "✓ SPEC      completed in 1.2s",
                "[00:01] 1 step done · 0 tokens · $0.0000");
    }

    @Test
    void stepNamesLineUpFromTheFirstLineAndLoopStepsNameTheirItem() {
        RunInfo run = new RunInfo("run_0123456789ab", "engineering", "pending", T0, "",
                List.of("SPEC", "IMPLEMENT", "DEPLOY"));
        RunRenderer renderer = new RunRenderer(out, false, false, run);

        feed(renderer,
                event(1, "step_queued", 10, fields("step_id", "SPEC", "agent_id", "nadia", "attempt", 1)),
                event(2, "step_started", 20, fields("step_id", "IMPLEMENT", "agent_id", "kai", "attempt", 1,
                        "model", "offline/simulated", "loop_item", "Create the data model")));

        assertThat(lines()).containsExactly(
                "· SPEC       nadia  queued",
                "▶ IMPLEMENT  kai  started (offline/simulated) · Create the data model");
    }

    @Test
    void failedModelCallsAreShownWhileTheStepWaits() {
        RunRenderer renderer = new RunRenderer(out, false, false, RUN);

        feed(renderer,
                event(1, "llm_call", 10, fields("step_id", "SPEC", "provider", "openai", "total_tokens", 0,
                        "error", "HTTP 429 (rate limited): retrying in 2 s")),
                event(2, "llm_call", 20, fields("step_id", "SPEC", "provider", "openai", "total_tokens", 120)));

        assertThat(lines()).containsExactly("  ! model call failed: HTTP 429 (rate limited): retrying in 2 s");
    }

    @Test
    void failureAndRetryShowTheErrorAndAttempt() {
        RunRenderer renderer = new RunRenderer(out, false, false, RUN);

        feed(renderer,
                event(1, "step_failed", 10, fields("step_id", "IMPLEMENT", "agent_id", "yuki", "error",
                        "model timed out", "attempt", 1, "will_retry", true)),
                event(2, "step_retrying", 20, fields("step_id", "IMPLEMENT", "agent_id", "yuki", "error",
                        "model timed out", "attempt", 2, "will_retry", true)),
                event(3, "step_started", 30, fields("step_id", "IMPLEMENT", "agent_id", "yuki", "attempt", 2,
                        "model", "offline/simulated")));

        assertThat(lines()).containsExactly(
                "✗ IMPLEMENT  failed: model timed out (will retry)",
                "↻ IMPLEMENT  retrying (attempt 2): model timed out",
                "▶ IMPLEMENT  yuki  started (attempt 2, offline/simulated)");
    }

    @Test
    void streamedChunksCollapseIntoOneAbbreviatedLineFlushedAtTheNextTransition() {
        RunRenderer renderer = new RunRenderer(out, false, false, RUN);
        List<RunEvent> chunks = new ArrayList<>();
        for (int index = 0; index < 50; index++) {
            chunks.add(event(10 + index, "agent_output", 100 + index,
                    fields("step_id", "SPEC", "agent_id", "nadia", "chunk", "word" + index + " \n")));
        }

        chunks.forEach(renderer::accept);
        String beforeTransition = text();
        renderer.accept(event(100, "tool_call_start", 500, fields("step_id", "SPEC", "tool_call_id", "tc_1",
                "tool_name", "write", "args", "{\"path\":\"docs/spec.md\",\"content\":\"# Spec\"}")));

        assertThat(beforeTransition).isEmpty();
        assertThat(lines()).hasSize(2);
        assertThat(lines().get(0)).startsWith("  │ word0 word1 word2 ").endsWith("…");
        assertThat(lines().get(0).length()).isLessThanOrEqualTo(4 + RunRenderer.OUTPUT_WIDTH);
        assertThat(lines().get(1)).isEqualTo("  ⚙ write docs/spec.md");
    }

    @Test
    void shortOutputIsShownWholeWithThinkingFirst() {
        RunRenderer renderer = new RunRenderer(out, false, false, RUN);

        feed(renderer,
                event(1, "agent_thinking", 10, fields("step_id", "SPEC", "chunk", "Plan the")),
                event(2, "agent_output", 11, fields("step_id", "SPEC", "chunk", "Writing the")),
                event(3, "agent_output", 12, fields("step_id", "SPEC", "chunk", " spec now.\n")),
                event(4, "agent_thinking", 13, fields("step_id", "SPEC", "chunk", " endpoints.")),
                event(5, "step_complete", 900, fields("step_id", "SPEC", "duration_ms", 890)));

        assertThat(lines()).startsWith(
                "  … Plan the endpoints.",
                "  │ Writing the spec now.",
                "✓ SPEC      completed in 0.9s");
    }

    @Test
    void failedToolCallsAndChangedFilesGetTheirOwnLines() {
        RunRenderer renderer = new RunRenderer(out, false, false, RUN);

        feed(renderer,
                event(1, "tool_call_end", 10, fields("step_id", "SPEC", "tool_call_id", "tc_1", "tool_name", "write",
                        "result", "ok", "is_error", false, "duration_ms", 3)),
                event(2, "tool_call_end", 11, fields("step_id", "SPEC", "tool_call_id", "tc_2", "tool_name", "bash",
                        "result", "exit 1:\nno such file", "is_error", true, "duration_ms", 5)),
                event(3, "file_changed", 12, fields("step_id", "SPEC", "path", "docs/spec.md", "action", "create",
                        "size", 2048)),
                event(4, "file_changed", 13, fields("step_id", "SPEC", "path", "README.md", "action", "modify",
                        "size", 10)),
                event(5, "file_changed", 14, fields("step_id", "SPEC", "path", "old.txt", "action", "delete")));

        assertThat(lines()).containsExactly(
                "  ⚠ bash failed: exit 1: no such file",
                "  + docs/spec.md (2.0 KB)",
                "  ~ README.md (10 B)",
                "  - old.txt");
    }

    @Test
    void progressCountsTokensCostAndElapsedTime() {
        RunRenderer renderer = new RunRenderer(out, false, false, RUN);

        feed(renderer,
                event(1, "llm_call", 5_000, fields("provider", "offline", "model", "simulated", "input_tokens", 1000,
                        "output_tokens", 210, "total_tokens", 1210, "cost_total", 0.0125)),
                event(2, "llm_call", 12_000, fields("provider", "offline", "model", "simulated", "input_tokens", 2500,
                        "output_tokens", 500, "total_tokens", null, "cost_total", 0.0)));

        assertThat(renderer.progressLine()).isEqualTo("[00:12] 0 steps done · 4,210 tokens · $0.0125");
        assertThat(text()).isEmpty();
    }

    @Test
    void terminalRewritesTheProgressLineInPlace() {
        RunRenderer renderer = new RunRenderer(out, true, false, RUN);

        renderer.accept(event(1, "step_started", 2_000, fields("step_id", "SPEC", "agent_id", "nadia")));
        renderer.tick(T0 + 3_000);

        assertThat(text()).isEqualTo("▶ SPEC      nadia  started\n"
                + "\r\033[2K[00:02] 0 steps done · 0 tokens · $0.0000"
                + "\r\033[2K[00:03] 0 steps done · 0 tokens · $0.0000");
    }

    @Test
    void completionPrintsTheSummaryAndExitsZero() {
        RunInfo run = new RunInfo("run_0123456789ab", "engineering", "pending", T0, "/data/runs/run_0123456789ab",
                java.util.List.of());
        RunRenderer renderer = new RunRenderer(out, false, false, run);

        List<Optional<RunEnd>> ends = feed(renderer,
                event(1, "step_complete", 1_000, fields("step_id", "SPEC", "duration_ms", 1_000)),
                event(2, "llm_call", 1_500, fields("total_tokens", 1500, "cost_total", 0.5)),
                event(3, "run_complete", 62_000, fields("outputs", Map.of("spec", "ok"))),
                event(4, "step_started", 63_000, fields("step_id", "LATE")));

        assertThat(ends.get(2)).contains(new RunEnd(RunEnd.Kind.COMPLETED, ""));
        assertThat(ends.get(3)).isEmpty();
        assertThat(ends.get(2).orElseThrow().exitCode(false)).isZero();
        assertThat(lines()).endsWith(
                "✓ run run_0123456789ab completed in 1m 02s · 1 step · 1,500 tokens · $0.5000",
                "  workspace: /data/runs/run_0123456789ab");
    }

    @Test
    void failedRunPrintsWhyAndExitsOne() {
        RunRenderer renderer = new RunRenderer(out, false, false, RUN);

        Optional<RunEnd> end = renderer.accept(event(1, "run_failed", 100, fields("error", "step SPEC failed")));

        assertThat(end.orElseThrow().exitCode(false)).isEqualTo(1);
        assertThat(lines()).containsExactly("✗ run run_0123456789ab failed: step SPEC failed");
    }

    @Test
    void cancelledRunExitsWith130OnlyWhenCancelledFromHere() {
        RunRenderer renderer = new RunRenderer(out, false, false, RUN);

        RunEnd end = renderer.accept(event(1, "run_cancelled", 100, fields("reason", "cancelled by user")))
                .orElseThrow();

        assertThat(end.exitCode(true)).isEqualTo(130);
        assertThat(end.exitCode(false)).isEqualTo(1);
        assertThat(lines()).containsExactly("■ run run_0123456789ab cancelled: cancelled by user");
    }

    @Test
    void quietModePrintsOnlyTheOutcome() {
        RunRenderer renderer = new RunRenderer(out, true, true, RUN);

        renderer.begin("Build a REST API");
        feed(renderer,
                event(1, "step_started", 10, fields("step_id", "SPEC", "agent_id", "nadia")),
                event(2, "agent_output", 20, fields("step_id", "SPEC", "chunk", "text")),
                event(3, "step_complete", 30, fields("step_id", "SPEC", "duration_ms", 20)),
                event(4, "run_failed", 40, fields("error", "boom")));

        assertThat(text()).isEqualTo("✗ run run_0123456789ab failed: boom\n");
    }

    @Test
    void unknownEventTypesAreIgnored() {
        RunRenderer renderer = new RunRenderer(out, false, false, RUN);

        Optional<RunEnd> end = renderer.accept(event(1, "swarm_task_started", 10, fields("swarm_id", "s1")));

        assertThat(end).isEmpty();
        assertThat(text()).isEmpty();
    }
}
