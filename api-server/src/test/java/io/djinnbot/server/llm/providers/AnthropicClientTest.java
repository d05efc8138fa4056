package io.djinnbot.server.llm.providers;

import static io.djinnbot.server.support.FakeProvider.anthropic;
import static io.djinnbot.server.support.FakeProvider.anthropicEnd;
import static io.djinnbot.server.support.FakeProvider.anthropicStart;
import static io.djinnbot.server.support.FakeProvider.anthropicText;
import static io.djinnbot.server.support.FakeProvider.anthropicToolUse;
import static io.djinnbot.server.support.FakeProvider.pieces;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.djinnbot.server.engine.CancelToken;
import io.djinnbot.server.llm.ChatMessage;
import io.djinnbot.server.llm.ModelClient;
import io.djinnbot.server.llm.ModelException;
import io.djinnbot.server.llm.ModelRef;
import io.djinnbot.server.llm.ModelRequest;
import io.djinnbot.server.llm.ModelTurn;
import io.djinnbot.server.llm.ThinkingBlock;
import io.djinnbot.server.llm.ToolCall;
import io.djinnbot.server.llm.ToolSpec;
import io.djinnbot.server.support.FakeProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Anthropic client against a fake server speaking the Messages streaming format. */
class AnthropicClientTest {
    private static final String KEY = "sk-ant-canary-abcdef0123456789";

    private FakeProvider fake;
    private final OpenAiChatClientTest.RecordingListener listener = new OpenAiChatClientTest.RecordingListener();

    @BeforeEach
    void start() throws Exception {
        fake = new FakeProvider();
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    private ModelClient client() throws ModelException {
        ProviderSettings settings = new ProviderSettings(Map.of("ANTHROPIC_BASE_URL", fake.baseUrl(),
                "ANTHROPIC_API_KEY", KEY), Duration.ofSeconds(2), Duration.ofSeconds(5), 2, Duration.ofMillis(50),
                Duration.ofSeconds(10), 2);
        return new ProviderFactory(new ProviderHttp(settings), null)
                .resolve(ModelRef.parse("anthropic/claude-sonnet-4-5"));
    }

    private static ModelRequest request(String thinkingLevel, List<ChatMessage> messages) {
        return new ModelRequest("anthropic", "claude-sonnet-4-5", "You are Kai.", messages,
                List.of(new ToolSpec("write", "Write a file", Map.of("type", "object"))), 1024, thinkingLevel, null);
    }

    @Test
    void streamsThinkingTextAndToolUseWithUsage() throws Exception {
        fake.enqueue(FakeProvider.stream(pieces(anthropicStart(250),
                anthropic("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                        + "{\"type\":\"thinking\",\"thinking\":\"\"}}"),
                anthropic("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                        + "{\"type\":\"thinking_delta\",\"thinking\":\"Plan: write.\"}}"),
                anthropic("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                        + "{\"type\":\"signature_delta\",\"signature\":\"sig123\"}}"),
                anthropic("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
                anthropicText(1, "Writing ünïcödé."),
                anthropicToolUse(2, "toolu_1", "write", "{\"path\":\"a.txt\",\"content\":\"x\"}"),
                anthropicEnd("tool_use", 42))));

        ModelTurn turn = client().complete(request("medium", List.of(new ChatMessage.User("go"))), listener,
                new CancelToken());

        assertThat(turn.thinking()).isEqualTo("Plan: write.");
        assertThat(turn.text()).isEqualTo("Writing ünïcödé.");
        assertThat(turn.toolCalls()).containsExactly(new ToolCall("toolu_1", "write",
                "{\"path\":\"a.txt\",\"content\":\"x\"}"));
        assertThat(turn.thinkingBlocks()).containsExactly(new ThinkingBlock("thinking", "Plan: write.", "sig123"));
        assertThat(turn.usage().inputTokens()).isEqualTo(250);
        assertThat(turn.usage().outputTokens()).isEqualTo(42);
        FakeProvider.Recorded seen = fake.requests().getFirst();
        JsonNode body = seen.json();
        assertThat(seen.path()).isEqualTo("/v1/messages");
        assertThat(seen.headers().get("x-api-key")).isEqualTo(KEY);
        assertThat(seen.headers().get("anthropic-version")).isEqualTo(AnthropicClient.API_VERSION);
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("system").asText()).isEqualTo("You are Kai.");
        assertThat(body.path("thinking").path("budget_tokens").asInt()).isEqualTo(8192);
        assertThat(body.path("max_tokens").asInt()).isGreaterThan(8192);
        assertThat(body.path("tools").get(0).path("input_schema").path("type").asText()).isEqualTo("object");
    }

    @Test
    void toolResultsGoBackAsUserBlocksWithTheSignedThinking() throws Exception {
        fake.enqueue(FakeProvider.stream(pieces(anthropicStart(10), anthropicText(0, "done"),
                anthropicEnd("end_turn", 3))));
        List<ChatMessage> conversation = List.of(new ChatMessage.User("go"),
                new ChatMessage.Assistant("", List.of(new ToolCall("toolu_1", "write", "{\"path\":\"a\"}")),
                        List.of(new ThinkingBlock("thinking", "hm", "sig"))),
                new ChatMessage.ToolResult("toolu_1", "write", "wrote a", false),
                new ChatMessage.User("now finish"));

        client().complete(request("low", conversation), listener, new CancelToken());

        JsonNode messages = fake.requests().getFirst().json().path("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(1).path("content").get(0).path("signature").asText()).isEqualTo("sig");
        assertThat(messages.get(1).path("content").get(1).path("input").path("path").asText()).isEqualTo("a");
        assertThat(messages.get(2).path("content").get(0).path("type").asText()).isEqualTo("tool_result");
        assertThat(messages.get(2).path("content").get(1).path("text").asText()).isEqualTo("now finish");
    }

    @Test
    void maxTokensStopIsTruncated() throws Exception {
        fake.enqueue(FakeProvider.stream(pieces(anthropicStart(10), anthropicText(0, "long"),
                anthropicEnd("max_tokens", 1024))));

        ModelTurn turn = client().complete(request("off", List.of(new ChatMessage.User("go"))), listener,
                new CancelToken());

        assertThat(turn.truncated()).isTrue();
        assertThat(turn.stopReason()).isEqualTo("max_tokens");
        assertThat(fake.requests().getFirst().json().has("thinking")).isFalse();
    }

    @Test
    void inBandErrorEventFailsAndKeepsPartialText() {
        fake.enqueue(FakeProvider.stream(pieces(anthropicStart(10), anthropicText(0, "Part"),
                anthropic("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":"
                        + "\"Overloaded\"}}"))));

        assertThatThrownBy(() -> client().complete(request("off", List.of(new ChatMessage.User("go"))), listener,
                new CancelToken()))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.partialText()).isEqualTo("Part");
                    assertThat(e.kind()).isEqualTo(ModelException.Kind.RATE_LIMITED);
                })
                .hasMessageContaining("overloaded_error");
    }

    @Test
    void streamWithoutMessageStopFails() {
        fake.enqueue(FakeProvider.stream(pieces(anthropicStart(10), anthropicText(0, "Cut"))));

        assertThatThrownBy(() -> client().complete(request("off", List.of(new ChatMessage.User("go"))), listener,
                new CancelToken()))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.partialText()).isEqualTo("Cut"))
                .hasMessageContaining("message_stop");
    }
}
