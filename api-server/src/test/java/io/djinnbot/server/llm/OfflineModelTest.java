package io.djinnbot.server.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.djinnbot.server.agents.StepEvents;
import io.djinnbot.server.agents.StepExecution;
import io.djinnbot.server.engine.CancelToken;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<ToolSpec> TOOLS = List.of(
            new ToolSpec("write", "", Map.of()), new ToolSpec("read", "", Map.of()),
            new ToolSpec("complete", "", Map.of()), new ToolSpec("fail", "", Map.of()));

    @TempDir
    Path dir;

    private StepExecution step(String stepId, List<String> outputs, List<String> choices, String loopItem) {
        return new StepExecution("run_0123456789ab", stepId, "rosa", "offline/simulated", "", "Review it.",
                "Build a command line todo app in Python", outputs, choices, Map.of(), loopItem, dir, 10, "low",
                new CancelToken(), (StepEvents) null);
    }

    private static ModelRequest request(StepExecution step, List<ChatMessage> messages) {
        return new ModelRequest("offline", "simulated", "", messages, TOOLS, 1000, "low", step);
    }

    @Test
    void firstTurnStreamsThinkingAndTextThenWritesADocument() throws Exception {
        StepExecution step = step("REVIEW", List.of("review_result"), List.of("CHANGES_REQUESTED", "APPROVED"), null);
        List<String> texts = new ArrayList<>();
        List<String> thoughts = new ArrayList<>();

        ModelTurn turn = new OfflineModel(0).complete(request(step, List.of(new ChatMessage.User("go"))),
                listener(texts, thoughts), new CancelToken());

        assertThat(thoughts).hasSizeGreaterThanOrEqualTo(2);
        assertThat(texts).hasSizeBetween(20, 60);
        assertThat(turn.text()).contains("simulated offline agent").contains("REVIEW").contains("rosa")
                .contains("todo app");
        assertThat(turn.toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("write");
            JsonNode args = JSON.readTree(call.argumentsJson());
            assertThat(args.get("path").asText()).isEqualTo("docs/review.md");
            assertThat(args.get("content").asText().lines().count()).isGreaterThan(5);
        });
        assertThat(turn.stopReason()).isEqualTo("tool_use");
        assertThat(turn.usage().inputTokens()).isPositive();
        assertThat(turn.usage().outputTokens()).isPositive();
    }

    @Test
    void implementStepWritesSourceNamedAfterTheLoopItem() throws Exception {
        StepExecution step = step("IMPLEMENT", List.of("files_changed"), List.of(), "Add the storage layer!");

        ModelTurn turn = new OfflineModel(0).complete(request(step, List.of(new ChatMessage.User("go"))),
                null, new CancelToken());

        JsonNode args = JSON.readTree(turn.toolCalls().getFirst().argumentsJson());
        assertThat(args.get("path").asText()).isEqualTo("src/add_the_storage_layer.py");
        assertThat(args.get("content").asText()).contains("def pending_items");
        assertThat(turn.text()).contains("Add the storage layer");
    }

    @Test
    void testerStepWritesATestFile() throws Exception {
        StepExecution step = step("TEST", List.of("test_result"), List.of("FAIL", "PASS"), "Add the storage layer");

        ModelTurn turn = new OfflineModel(0).complete(request(step, List.of(new ChatMessage.User("go"))),
                null, new CancelToken());

        JsonNode args = JSON.readTree(turn.toolCalls().getFirst().argumentsJson());
        assertThat(args.get("path").asText()).isEqualTo("tests/add_the_storage_layer_test.py");
    }

    @Test
    void finalTurnCompletesEveryDeclaredOutputPickingTheSuccessChoice() throws Exception {
        StepExecution step = step("REVIEW",
                List.of("review_result", "task_breakdown_json", "bug_reports_json", "files_changed", "feedback"),
                List.of("CHANGES_REQUESTED", "approved"), null);
        List<ChatMessage> messages = List.of(
                new ChatMessage.User("go"),
                new ChatMessage.Assistant("", List.of(new ToolCall("c1", "write",
                        "{\"path\":\"docs/review.md\",\"content\":\"x\"}"))),
                new ChatMessage.ToolResult("c1", "write", "Created docs/review.md", false),
                new ChatMessage.Assistant("", List.of(new ToolCall("c2", "read", "{\"path\":\"docs/review.md\"}"))),
                new ChatMessage.ToolResult("c2", "read", "1\tx", false));

        ModelTurn turn = new OfflineModel(0).complete(request(step, messages), null, new CancelToken());

        ToolCall complete = turn.toolCalls().getFirst();
        assertThat(complete.name()).isEqualTo("complete");
        JsonNode outputs = JSON.readTree(complete.argumentsJson()).get("outputs");
        assertThat(outputs.get("review_result").asText()).isEqualTo("approved");
        assertThat(JSON.readTree(outputs.get("task_breakdown_json").asText())).hasSize(3);
        assertThat(outputs.get("bug_reports_json").asText()).isEqualTo("[]");
        assertThat(outputs.get("files_changed").asText()).isEqualTo("docs/review.md");
        assertThat(outputs.get("feedback").asText()).isNotBlank();
        assertThat(JSON.readTree(complete.argumentsJson()).get("summary").asText()).contains("docs/review.md");
    }

    @Test
    void successChoiceFollowsThePreferenceOrderElseTheFirstThatIsNotAFailure() {
        assertThat(OfflineModel.successChoice(List.of("FAIL", "ok", "PASS"))).isEqualTo("PASS");
        assertThat(OfflineModel.successChoice(List.of("RED", "GREEN"))).isEqualTo("RED");
        assertThat(OfflineModel.successChoice(List.of("CHANGES_REQUESTED", "GREEN"))).isEqualTo("GREEN");
        assertThat(OfflineModel.successChoice(List.of("FAIL"))).isEqualTo("PASS");
    }

    @Test
    void pacedStreamingStopsAtOnceWhenCancelled() {
        StepExecution step = step("SPEC", List.of("product_brief"), List.of(), null);
        CancelToken cancel = new CancelToken();
        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS)
                .execute(() -> cancel.cancel(CancelToken.Reason.CANCELLED));
        long started = System.nanoTime();

        assertThatThrownBy(() -> new OfflineModel(5_000).complete(request(step, List.of(new ChatMessage.User("go"))),
                null, cancel)).isInstanceOf(InterruptedException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void pacedStreamingStopsAtOnceWhenInterrupted() {
        StepExecution step = step("SPEC", List.of("product_brief"), List.of(), null);
        Thread caller = Thread.currentThread();
        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(caller::interrupt);
        long started = System.nanoTime();

        assertThatThrownBy(() -> new OfflineModel(5_000).complete(request(step, List.of(new ChatMessage.User("go"))),
                null, new CancelToken())).isInstanceOf(InterruptedException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    private static StreamListener listener(List<String> texts, List<String> thoughts) {
        return new StreamListener() {
            @Override
            public void onText(String chunk) {
                texts.add(chunk);
            }

            @Override
            public void onThinking(String chunk) {
                thoughts.add(chunk);
            }
        };
    }
}
