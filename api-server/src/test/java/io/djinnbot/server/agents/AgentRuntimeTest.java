package io.djinnbot.server.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.djinnbot.server.engine.CancelToken;
import io.djinnbot.server.llm.ChatMessage;
import io.djinnbot.server.llm.ModelClient;
import io.djinnbot.server.llm.ModelException;
import io.djinnbot.server.llm.ModelRegistry;
import io.djinnbot.server.llm.ModelRequest;
import io.djinnbot.server.llm.ModelTurn;
import io.djinnbot.server.llm.StreamListener;
import io.djinnbot.server.llm.ToolCall;
import io.djinnbot.server.llm.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentRuntimeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final RecordingStepEvents events = new RecordingStepEvents();

    /** Plays scripted turns: each one streams its text and returns it with its tool calls. */
    private static final class ScriptedModel implements ModelClient {
        private final Deque<Object> script;
        final List<ModelRequest> requests = new ArrayList<>();

        ScriptedModel(Object... turns) {
            this.script = new ArrayDeque<>(List.of(turns));
        }

        @Override
        public ModelTurn complete(ModelRequest request, StreamListener listener, CancelToken cancel)
                throws ModelException {
            requests.add(request);
            Object next = script.poll();
            if (next instanceof ModelException failure) {
                listener.onText(failure.partialText());
                throw failure;
            }
            ModelTurn turn = (ModelTurn) next;
            if (turn == null) {
                throw new IllegalStateException("the script ran out of turns");
            }
            listener.onText(turn.text());
            return turn;
        }
    }

    private static ModelTurn say(String text, ToolCall... calls) {
        return new ModelTurn(text, "", List.of(calls), new Usage(10L, 5L, 0, 0), null, false);
    }

    private AgentRuntime runtimeWith(ModelClient scripted) {
        return new AgentRuntime(new ModelRegistry(0, Map.of("scripted", scripted)));
    }

    private StepExecution step(String stepId, List<String> outputs, List<String> choices, String model) {
        return Steps.step(stepId, outputs, choices, null, dir, model, new CancelToken(), events);
    }

    @Test
    void offlineModelRunsTheStepEndToEnd() throws Exception {
        StepExecution exec = step("REVIEW", List.of("review_result", "feedback"),
                List.of("CHANGES_REQUESTED", "APPROVED"), "offline/simulated");

        StepOutcome outcome = new AgentRuntime(new ModelRegistry(0)).execute(exec);

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.outputs()).containsEntry("review_result", "APPROVED").containsKey("feedback");
        assertThat(outcome.summary()).contains("docs/review.md");
        assertThat(outcome.modelUsed()).isEqualTo("offline/simulated");
        assertThat(outcome.outputText()).contains("simulated offline agent");
        assertThat(outcome.thinking()).isNotEmpty();
        assertThat(Files.readString(dir.resolve("docs/review.md"))).contains("# Review");
        assertThat(events.folded()).containsExactly(
                "thinking", "output", "llm_call",
                "tool_start write", "file_changed create docs/review.md", "tool_end write",
                "output", "llm_call", "tool_start read", "tool_end read",
                "output", "llm_call", "tool_start complete", "tool_end complete");
        assertThat(events.calls).hasSize(3).allSatisfy(call -> {
            assertThat(call.provider()).isEqualTo("offline");
            assertThat(call.inputTokens()).isPositive();
            assertThat(call.costTotal()).isZero();
        });
        assertThat(events.calls.getFirst().hasThinking()).isTrue();
        assertThat(events.calls.getFirst().toolCallCount()).isEqualTo(1);
    }

    @Test
    void unknownProviderFailsAtOnceWithTheRegistrySentence() throws Exception {
        StepOutcome outcome = new AgentRuntime(new ModelRegistry(0))
                .execute(step("SPEC", List.of("product_brief"), List.of(), "anthropic/claude-sonnet-4"));

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.error()).contains("'anthropic'").contains("not available");
        assertThat(events.lines).isEmpty();
    }

    @Test
    void failToolEndsTheStepWithItsError() throws Exception {
        ScriptedModel model = new ScriptedModel(say("Cannot do it.", new ToolCall("c1", "fail",
                "{\"error\":\"the spec is missing\"}")));

        StepOutcome outcome = runtimeWith(model).execute(step("SPEC", List.of("x"), List.of(), "scripted/m"));

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.error()).isEqualTo("the spec is missing");
        assertThat(outcome.outputText()).isEqualTo("Cannot do it.");
    }

    @Test
    void completeOutputsAreLowerCasedAndNonStringsEncoded() throws Exception {
        ScriptedModel model = new ScriptedModel(say("", new ToolCall("c1", "complete",
                "{\"outputs\":{\"TASKS_JSON\":[\"a\",\"b\"],\"Result\":\"PASS\"},\"summary\":\"done\"}")));

        StepOutcome outcome = runtimeWith(model).execute(step("PLAN", List.of("tasks_json"), List.of(), "scripted/m"));

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.outputs()).containsEntry("tasks_json", "[\"a\",\"b\"]").containsEntry("result", "PASS");
        assertThat(outcome.summary()).isEqualTo("done");
    }

    @Test
    void textOnlyAfterToolUseIsNudgedTwiceThenKeyValueLinesAreParsed() throws Exception {
        ScriptedModel model = new ScriptedModel(
                say("Listing.", new ToolCall("c1", "ls", "{}")),
                say("I think I am done."),
                say("Really done."),
                say("REVIEW_RESULT: APPROVED\nFEEDBACK: fine\n  really"));

        StepOutcome outcome = runtimeWith(model)
                .execute(step("REVIEW", List.of("review_result", "feedback"), List.of("APPROVED"), "scripted/m"));

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.outputs()).containsEntry("review_result", "APPROVED")
                .containsEntry("feedback", "fine\nreally");
        assertThat(model.requests).hasSize(4);
        List<ChatMessage> last = model.requests.getLast().messages();
        assertThat(last.stream().filter(message -> message instanceof ChatMessage.User user
                && user.text().contains("`complete`"))).hasSize(2);
    }

    private static ModelTurn cutOff(String text, ToolCall... calls) {
        return new ModelTurn(text, "", List.of(calls), new Usage(10L, 4096L, 0, 0), "length", true);
    }

    @Test
    void answerCutOffAtTheOutputLimitIsToldSoAndTheStepGoesOn() throws Exception {
        ScriptedModel model = new ScriptedModel(
                cutOff("RESULT: the first half of a long", new ToolCall("c1", "write", "{\"path\": \"a.txt\", \"con")),
                say("Shorter now.", new ToolCall("c2", "complete", "{\"outputs\": {\"result\": \"done\"}}")));

        StepOutcome outcome = runtimeWith(model).execute(step("EXECUTE", List.of("result"), List.of(), "scripted/m"));

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.outputs()).containsEntry("result", "done");
        assertThat(model.requests.getLast().messages()).anySatisfy(message ->
                assertThat(message).isInstanceOfSatisfying(ChatMessage.User.class,
                        user -> assertThat(user.text()).contains("cut off at the output token limit")));
    }

    @Test
    void answersCutOffThreeTimesInARowFailTheStepWithoutRetry() throws Exception {
        ScriptedModel model = new ScriptedModel(
                cutOff("RESULT: aaaa", new ToolCall("c1", "write", "{\"path\": \"a.txt\", \"content\": \"aa")),
                cutOff("RESULT: bbbb"),
                cutOff("RESULT: cccc", new ToolCall("c3", "write", "{\"path\": \"b.txt\", \"content\": \"bb")),
                say("never reached"));

        StepOutcome outcome = runtimeWith(model).execute(step("EXECUTE", List.of("result"), List.of(), "scripted/m"));

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.error()).contains("cut off", "3 times in a row");
        assertThat(model.requests).hasSize(3);
    }

    @Test
    void textOnlyAnswerWithJsonIsParsedAsJsonFirst() throws Exception {
        ScriptedModel model = new ScriptedModel(
                say("```json\n{\"product_brief\": \"A todo app\", \"status\": \"done\"}\n```\nPRODUCT_BRIEF: other"));

        StepOutcome outcome = runtimeWith(model)
                .execute(step("SPEC", List.of("product_brief"), List.of(), "scripted/m"));

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.outputs()).containsEntry("product_brief", "A todo app");
    }

    @Test
    void statusFailInOutputsMeansFailure() throws Exception {
        ScriptedModel model = new ScriptedModel(say("STATUS: failed\nERROR: no access to the repo"));

        StepOutcome outcome = runtimeWith(model).execute(step("SPEC", List.of(), List.of(), "scripted/m"));

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.error()).isEqualTo("no access to the repo");
    }

    @Test
    void modelExceptionMidStepFailsKeepingPartialText() throws Exception {
        ScriptedModel model = new ScriptedModel(
                say("Start. ", new ToolCall("c1", "write", "{\"path\":\"a.txt\",\"content\":\"x\"}")),
                new ModelException(ModelException.Kind.NETWORK, "the connection dropped", "half an answ", null));

        StepOutcome outcome = runtimeWith(model).execute(step("SPEC", List.of("x"), List.of(), "scripted/m"));

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.error()).isEqualTo("the connection dropped");
        assertThat(outcome.outputText()).isEqualTo("Start. half an answ");
        assertThat(events.calls.getLast().error()).isEqualTo("the connection dropped");
        assertThat(events.calls.getLast().inputTokens()).isNull();
    }

    @Test
    void toolErrorsAreFedBackAndDoNotEndTheStep() throws Exception {
        ScriptedModel model = new ScriptedModel(
                say("", new ToolCall("c1", "read", "{\"path\":\"../../etc/passwd\"}"),
                        new ToolCall("c2", "teleport", "{}")),
                say("", new ToolCall("c3", "complete", "{\"outputs\":{}}")));

        StepOutcome outcome = runtimeWith(model).execute(step("SPEC", List.of(), List.of(), "scripted/m"));

        assertThat(outcome.success()).isTrue();
        assertThat(events.lines).contains("tool_end read error", "tool_end teleport error");
        List<ChatMessage> second = model.requests.get(1).messages();
        assertThat(second).filteredOn(message -> message instanceof ChatMessage.ToolResult)
                .extracting(message -> ((ChatMessage.ToolResult) message).content())
                .anySatisfy(content -> assertThat(content).contains("outside the workspace"))
                .anySatisfy(content -> assertThat(content).contains("unknown tool 'teleport'"));
    }

    @Test
    void runningOutOfTurnsFails() throws Exception {
        Object[] turns = new Object[10];
        for (int i = 0; i < turns.length; i++) {
            turns[i] = say("", new ToolCall("c" + i, "ls", "{}"));
        }

        StepOutcome outcome = runtimeWith(new ScriptedModel(turns))
                .execute(step("SPEC", List.of(), List.of(), "scripted/m"));

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.error()).contains("all 10 turns");
    }

    @Test
    void cancelDuringOfflineStepThrowsInterruptedPromptly() {
        CancelToken cancel = new CancelToken();
        StepExecution exec = Steps.step("SPEC", List.of("product_brief"), List.of(), null, dir, "offline/simulated",
                cancel, events);
        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS)
                .execute(() -> cancel.cancel(CancelToken.Reason.CANCELLED));
        long started = System.nanoTime();

        assertThatThrownBy(() -> new AgentRuntime(new ModelRegistry(1_000)).execute(exec))
                .isInstanceOf(InterruptedException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void toolListOffersWorkspaceToolsThenCompleteAndFail() throws Exception {
        List<String> names = new AgentRuntime(new ModelRegistry(0)).toolSpecs().stream().map(spec -> spec.name())
                .toList();

        assertThat(names).containsExactly("read", "write", "edit", "ls", "grep", "find", "bash", "complete", "fail");
        assertThat(JSON.valueToTree(new AgentRuntime(new ModelRegistry(0)).toolSpecs().get(7).jsonSchema())
                .path("required").toString()).isEqualTo("[\"outputs\"]");
    }
}
