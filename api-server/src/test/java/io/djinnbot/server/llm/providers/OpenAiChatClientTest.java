package io.djinnbot.server.llm.providers;

import static io.djinnbot.server.support.FakeProvider.OPENAI_DONE;
import static io.djinnbot.server.support.FakeProvider.openAi;
import static io.djinnbot.server.support.FakeProvider.openAiFinish;
import static io.djinnbot.server.support.FakeProvider.openAiText;
import static io.djinnbot.server.support.FakeProvider.openAiToolCall;
import static io.djinnbot.server.support.FakeProvider.openAiUsage;
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
import io.djinnbot.server.llm.ToolSpec;
import io.djinnbot.server.support.FakeProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible client against a fake server speaking the chat-completions stream format. */
class OpenAiChatClientTest {
    static final String KEY = "sk-canary-0123456789abcdef";

    private FakeProvider fake;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void start() throws Exception {
        fake = new FakeProvider();
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    private ModelClient client(int attempts, Duration idle) throws ModelException {
        ProviderSettings settings = new ProviderSettings(Map.of("CUSTOM_FAKE_BASE_URL", fake.baseUrl() + "/v1/",
                "CUSTOM_FAKE_API_KEY", KEY), Duration.ofSeconds(2), idle, attempts, Duration.ofMillis(50),
                Duration.ofSeconds(10), 2);
        return new ProviderFactory(new ProviderHttp(settings), null).resolve(ModelRef.parse("custom-fake/llama-3"));
    }

    static ModelRequest request() {
        return new ModelRequest("custom-fake", "llama-3", "You are Kai, a careful engineer.",
                List.of(new ChatMessage.User("Write hello.txt")),
                List.of(new ToolSpec("write", "Write a file", Map.of("type", "object"))), 1024, "off", null);
    }

    @Test
    void streamsTextAssemblesToolCallsAndReadsUsage() throws Exception {
        fake.enqueue(FakeProvider.stream(pieces(openAiText("Hello"), openAiText(" there"),
                openAiToolCall(0, "call_1", "write", "{\"path\":\"hello.txt\",\"content\":\"hi\"}"),
                openAiFinish("tool_calls"), openAiUsage(120, 30), OPENAI_DONE)));

        ModelTurn turn = client(1, Duration.ofSeconds(5)).complete(request(), listener, new CancelToken());

        assertThat(turn.text()).isEqualTo("Hello there");
        assertThat(listener.text).containsExactly("Hello", " there");
        assertThat(turn.toolCalls()).hasSize(1);
        assertThat(turn.toolCalls().getFirst().name()).isEqualTo("write");
        assertThat(turn.toolCalls().getFirst().argumentsJson())
                .isEqualTo("{\"path\":\"hello.txt\",\"content\":\"hi\"}");
        assertThat(turn.usage().inputTokens()).isEqualTo(120);
        assertThat(turn.usage().outputTokens()).isEqualTo(30);
        assertThat(turn.stopReason()).isEqualTo("tool_calls");
        FakeProvider.Recorded seen = fake.requests().getFirst();
        JsonNode body = seen.json();
        assertThat(seen.path()).isEqualTo("/v1/chat/completions");
        assertThat(seen.headers().get("authorization")).isEqualTo("Bearer " + KEY);
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(body.path("messages").get(0).path("content").asText()).contains("You are Kai");
        assertThat(body.path("tools").get(0).path("function").path("name").asText()).isEqualTo("write");
    }

    @Test
    void reasoningDeltasBecomeThinking() throws Exception {
        fake.enqueue(FakeProvider.stream(openAi("{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":"
                + "\"Let me think\"}}]}"), openAiText("Done"), openAiFinish("stop"), OPENAI_DONE));

        ModelTurn turn = client(1, Duration.ofSeconds(5)).complete(request(), listener, new CancelToken());

        assertThat(turn.thinking()).isEqualTo("Let me think");
        assertThat(listener.thinking).containsExactly("Let me think");
        assertThat(turn.usage().inputTokens()).isNull();
    }

    @Test
    void multiByteCharactersSplitAcrossReadsArriveWhole() throws Exception {
        String text = "Grüße, 世界 🚀!";
        byte[] all = (openAiText(text) + openAiFinish("stop") + OPENAI_DONE).getBytes(StandardCharsets.UTF_8);
        List<byte[]> pieces = new ArrayList<>();
        for (int i = 0; i < all.length; i += 3) {
            pieces.add(Arrays.copyOfRange(all, i, Math.min(all.length, i + 3)));
        }
        fake.enqueue(FakeProvider.stream(pieces, 1));

        ModelTurn turn = client(1, Duration.ofSeconds(5)).complete(request(), listener, new CancelToken());

        assertThat(turn.text()).isEqualTo(text);
        assertThat(String.join("", listener.text)).isEqualTo(text);
    }

    @Test
    void lengthFinishIsFlaggedTruncated() throws Exception {
        fake.enqueue(FakeProvider.stream(openAiText("cut"), openAiFinish("length"), openAiUsage(5, 1024),
                OPENAI_DONE));

        ModelTurn turn = client(1, Duration.ofSeconds(5)).complete(request(), listener, new CancelToken());

        assertThat(turn.truncated()).isTrue();
        assertThat(turn.stopReason()).isEqualTo("length");
    }

    @Test
    void droppedStreamFailsAndKeepsThePartialText() {
        fake.enqueue(FakeProvider.stream(openAiText("Half an ans"), openAiText("wer")));

        assertThatThrownBy(() -> client(1, Duration.ofSeconds(5)).complete(request(), listener, new CancelToken()))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelException.Kind.NETWORK);
                    assertThat(e.partialText()).isEqualTo("Half an answer");
                })
                .hasMessageContaining("ended before");
    }

    @Test
    void inBandErrorFailsKeepsPartialTextAndHidesTheKey() {
        fake.enqueue(FakeProvider.stream(openAiText("Some"), openAi("{\"error\":{\"message\":\"upstream died for key "
                + KEY + "\",\"code\":502}}")));

        assertThatThrownBy(() -> client(1, Duration.ofSeconds(5)).complete(request(), listener, new CancelToken()))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.partialText()).isEqualTo("Some");
                    assertThat(e.getMessage()).contains("upstream died").doesNotContain(KEY);
                });
    }

    @Test
    void rateLimitHonoursRetryAfterRecordsEachAttemptThenSucceeds() throws Exception {
        fake.enqueue(FakeProvider.status(429, Map.of("Retry-After", "1"), "{\"error\":{\"message\":\"slow down\"}}"),
                FakeProvider.stream(openAiText("ok"), openAiFinish("stop"), OPENAI_DONE));

        long started = System.nanoTime();
        ModelTurn turn = client(3, Duration.ofSeconds(5)).complete(request(), listener, new CancelToken());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        assertThat(turn.text()).isEqualTo("ok");
        assertThat(listener.failedAttempts).singleElement().asString().contains("429").contains("slow down");
    }

    @Test
    void rateLimitBeyondTheBudgetFailsWithARateLimitReason() {
        FakeProvider.Reply limited = FakeProvider.status(429, Map.of("Retry-After", "0"), "{}");
        fake.enqueue(limited, limited, limited);

        assertThatThrownBy(() -> client(3, Duration.ofSeconds(5)).complete(request(), listener, new CancelToken()))
                .isInstanceOfSatisfying(ModelException.class,
                        e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.RATE_LIMITED))
                .hasMessageContaining("rate limited").hasMessageContaining("3 attempts");
        assertThat(listener.failedAttempts).hasSize(2);
        assertThat(fake.requests()).hasSize(3);
    }

    @Test
    void refusedKeyIsAnAuthErrorWithoutTheKey() {
        fake.enqueue(FakeProvider.status(401, Map.of(), "{\"error\":{\"message\":\"Incorrect API key provided: "
                + KEY + "\"}}"));

        assertThatThrownBy(() -> client(3, Duration.ofSeconds(5)).complete(request(), listener, new CancelToken()))
                .isInstanceOfSatisfying(ModelException.class,
                        e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.AUTH))
                .message().doesNotContain(KEY).contains("sk-...cdef");
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void silentProviderHitsTheIdleTimeout() {
        fake.enqueue(FakeProvider.silence());

        long started = System.nanoTime();
        assertThatThrownBy(() -> client(1, Duration.ofMillis(700)).complete(request(), listener, new CancelToken()))
                .isInstanceOfSatisfying(ModelException.class,
                        e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.TIMEOUT))
                .hasMessageContaining("idle timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void stallBetweenChunksHitsTheIdleTimeoutAndKeepsText() {
        fake.enqueue(FakeProvider.stall(openAiText("partial")));

        assertThatThrownBy(() -> client(1, Duration.ofMillis(700)).complete(request(), listener, new CancelToken()))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelException.Kind.TIMEOUT);
                    assertThat(e.partialText()).isEqualTo("partial");
                });
    }

    @Test
    void cancelAbortsTheCallAtOnce() throws Exception {
        fake.enqueue(FakeProvider.stall(openAiText("tick")));
        CancelToken cancel = new CancelToken();
        ModelClient client = client(3, Duration.ofSeconds(30));
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                // the test ends anyway
            }
            cancel.cancel(CancelToken.Reason.CANCELLED);
        });

        long started = System.nanoTime();
        assertThatThrownBy(() -> client.complete(request(), listener, cancel)).isInstanceOf(InterruptedException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void missingKeyNamesTheProviderAndTheVariable() {
        ProviderFactory factory = new ProviderFactory(new ProviderHttp(ProviderSettings.defaults(Map.of())), null);

        assertThatThrownBy(() -> factory.resolve(ModelRef.parse("openai/gpt-5")))
                .isInstanceOfSatisfying(ModelException.class,
                        e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.NOT_CONFIGURED))
                .hasMessageContaining("'openai'").hasMessageContaining("OPENAI_API_KEY");
        assertThatThrownBy(() -> factory.resolve(ModelRef.parse("custom-nowhere/x")))
                .hasMessageContaining("CUSTOM_NOWHERE_BASE_URL");
    }

    @Test
    void ollamaNeedsNoKeyAndUsesTheLocalDefault() throws Exception {
        ProviderFactory factory = new ProviderFactory(new ProviderHttp(ProviderSettings.defaults(Map.of())), null);

        Credentials credentials = factory.credentials(ProviderCatalog.find("ollama").orElseThrow());

        assertThat(credentials.baseUrl()).isEqualTo("http://127.0.0.1:11434/v1");
        assertThat(credentials.apiKey()).isNull();
    }

    /** Collects what a client streams. */
    static final class RecordingListener implements io.djinnbot.server.llm.StreamListener {
        final List<String> text = new ArrayList<>();
        final List<String> thinking = new ArrayList<>();
        final List<String> failedAttempts = new ArrayList<>();

        @Override
        public void onText(String chunk) {
            text.add(chunk);
        }

        @Override
        public void onThinking(String chunk) {
            thinking.add(chunk);
        }

        @Override
        public void onAttemptFailed(int attempt, String error, long durationMs) {
            failedAttempts.add(error);
        }
    }
}
