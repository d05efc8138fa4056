package io.djinnbot.server.llm.providers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.djinnbot.server.engine.CancelToken;
import io.djinnbot.server.llm.ChatMessage;
import io.djinnbot.server.llm.ModelClient;
import io.djinnbot.server.llm.ModelException;
import io.djinnbot.server.llm.ModelException.Kind;
import io.djinnbot.server.llm.ModelRequest;
import io.djinnbot.server.llm.ModelTurn;
import io.djinnbot.server.llm.StreamListener;
import io.djinnbot.server.llm.ThinkingBlock;
import io.djinnbot.server.llm.ToolCall;
import io.djinnbot.server.llm.ToolSpec;
import io.djinnbot.server.llm.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The Anthropic Messages API, streaming: text, thinking (with the budget the agent's thinking level
 * asks for) and tool use, whose input arrives as JSON fragments. Thread-safe.
 */
final class AnthropicClient implements ModelClient {
    static final String API_VERSION = "2023-06-01";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final Credentials credentials;
    private final ProviderHttp http;

    AnthropicClient(Credentials credentials, ProviderHttp http) {
        this.credentials = credentials;
        this.http = http;
    }

    @Override
    public String keySource() {
        return credentials.keySource();
    }

    @Override
    public String keyMasked() {
        return credentials.keyMasked();
    }

    /** Thinking tokens for a level; 0 means thinking stays off. */
    static int thinkingBudget(String level) {
        if (level == null) {
            return 0;
        }
        return switch (level.toLowerCase(Locale.ROOT)) {
            case "minimal" -> 1024;
            case "low" -> 2048;
            case "medium" -> 8192;
            case "high" -> 16384;
            case "xhigh" -> 32000;
            default -> 0;
        };
    }

    @Override
    public ModelTurn complete(ModelRequest request, StreamListener listener, CancelToken cancel)
            throws ModelException, InterruptedException {
        Request.Builder builder = new Request.Builder()
                .url(credentials.baseUrl() + "/v1/messages")
                .header("Accept", "text/event-stream")
                .header("anthropic-version", API_VERSION)
                .post(RequestBody.create(body(request), JSON_TYPE));
        if (credentials.apiKey() != null) {
            builder.header("x-api-key", credentials.apiKey());
        }
        return http.stream("anthropic", builder.build(), credentials.redactor(), cancel, listener,
                new Parser(listener));
    }

    String body(ModelRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", request.model());
        body.put("stream", true);
        int budget = thinkingBudget(request.thinkingLevel());
        body.put("max_tokens", request.maxOutputTokens() + budget);
        if (budget > 0) {
            body.putObject("thinking").put("type", "enabled").put("budget_tokens", budget);
        }
        if (!request.systemPrompt().isEmpty()) {
            body.put("system", request.systemPrompt());
        }
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : request.messages()) {
            switch (message) {
                case ChatMessage.User user -> userContent(messages).addObject().put("type", "text")
                        .put("text", user.text().isEmpty() ? "(empty)" : user.text());
                case ChatMessage.Assistant assistant -> {
                    ObjectNode node = messages.addObject().put("role", "assistant");
                    ArrayNode content = node.putArray("content");
                    for (ThinkingBlock block : assistant.thinkingBlocks()) {
                        if (block.type().equals("redacted_thinking")) {
                            content.addObject().put("type", "redacted_thinking").put("data", block.content());
                        } else {
                            content.addObject().put("type", "thinking").put("thinking", block.content())
                                    .put("signature", block.signature());
                        }
                    }
                    if (!assistant.text().isEmpty()) {
                        content.addObject().put("type", "text").put("text", assistant.text());
                    }
                    for (ToolCall call : assistant.toolCalls()) {
                        content.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name())
                                .set("input", parseObject(call.argumentsJson()));
                    }
                    if (content.isEmpty()) {
                        content.addObject().put("type", "text").put("text", "(no answer)");
                    }
                }
                case ChatMessage.ToolResult result -> userContent(messages).addObject().put("type", "tool_result")
                        .put("tool_use_id", result.toolCallId()).put("content", result.content())
                        .put("is_error", result.isError());
            }
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec tool : request.tools()) {
                tools.addObject().put("name", tool.name()).put("description", tool.description())
                        .set("input_schema", JSON.valueToTree(tool.jsonSchema()));
            }
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a messages request as JSON", e);
        }
    }

    /** The content of the last message when it is the user's, else of a new user message (roles alternate). */
    private static ArrayNode userContent(ArrayNode messages) {
        if (!messages.isEmpty()) {
            JsonNode last = messages.get(messages.size() - 1);
            if (last.path("role").asText().equals("user")) {
                return (ArrayNode) last.get("content");
            }
        }
        return messages.addObject().put("role", "user").putArray("content");
    }

    private static JsonNode parseObject(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node != null && node.isObject() ? node : JSON.createObjectNode();
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    /** Reads one streamed message. */
    private final class Parser extends StreamedTurn {
        private final Map<Integer, Block> blocks = new HashMap<>();
        private final List<Block> order = new ArrayList<>();
        private Long inputTokens;
        private Long outputTokens;
        private long cacheRead;
        private long cacheWrite;
        private String stopReason;

        Parser(StreamListener listener) {
            super(listener);
        }

        @Override
        public void read(Response response) throws IOException, ModelException {
            SseReader reader = new SseReader(response.body().source());
            boolean stopped = false;
            for (SseReader.SseEvent event = reader.next(); event != null; event = reader.next()) {
                JsonNode data;
                try {
                    data = JSON.readTree(event.data());
                } catch (JsonProcessingException e) {
                    throw new ModelException(Kind.PROVIDER, "anthropic sent an event that is not JSON"
                            + ProviderHttp.keptNote(partialText()), partialText(), null);
                }
                String type = data.path("type").asText(event.type());
                switch (type) {
                    case "message_start" -> readUsage(data.path("message").path("usage"));
                    case "content_block_start" -> start(data.path("index").asInt(), data.path("content_block"));
                    case "content_block_delta" -> delta(data.path("index").asInt(), data.path("delta"));
                    case "message_delta" -> {
                        if (data.path("delta").path("stop_reason").isTextual()) {
                            stopReason = data.path("delta").path("stop_reason").asText();
                        }
                        readUsage(data.path("usage"));
                    }
                    case "message_stop" -> stopped = true;
                    case "error" -> {
                        JsonNode error = data.path("error");
                        String errorType = error.path("type").asText("error");
                        Kind kind = errorType.equals("overloaded_error") || errorType.equals("rate_limit_error")
                                ? Kind.RATE_LIMITED : Kind.PROVIDER;
                        throw new ModelException(kind, "anthropic reported " + errorType + " in the stream: "
                                + credentials.redactor().redact(error.path("message").asText(""))
                                + ProviderHttp.keptNote(partialText()), partialText(), null);
                    }
                    default -> {
                        // ping, content_block_stop and event types added later carry nothing we need
                    }
                }
                if (stopped) {
                    break;
                }
            }
            if (!stopped) {
                throw new ModelException(Kind.NETWORK, "the stream from anthropic ended before message_stop"
                        + ProviderHttp.keptNote(partialText()), partialText(), null);
            }
            List<ToolCall> calls = new ArrayList<>();
            List<ThinkingBlock> thinkingBlocks = new ArrayList<>();
            for (Block block : order) {
                switch (block.type) {
                    case "tool_use" -> calls.add(new ToolCall(block.id, block.name,
                            block.content.isEmpty() ? block.initialInput : block.content.toString()));
                    case "thinking" -> thinkingBlocks.add(new ThinkingBlock("thinking", block.content.toString(),
                            block.signature.toString()));
                    case "redacted_thinking" -> thinkingBlocks.add(new ThinkingBlock("redacted_thinking",
                            block.initialInput, ""));
                    default -> {
                        // text is already in the answer
                    }
                }
            }
            Usage usage = new Usage(inputTokens, outputTokens, cacheRead, cacheWrite);
            finish(new ModelTurn(text(), thinking(), calls, usage, stopReason, "max_tokens".equals(stopReason),
                    thinkingBlocks));
        }

        private void start(int index, JsonNode node) {
            Block block = new Block(node.path("type").asText("text"));
            block.id = node.path("id").asText("toolu_" + index);
            block.name = node.path("name").asText("");
            if (block.type.equals("tool_use") && node.path("input").isObject() && !node.path("input").isEmpty()) {
                block.initialInput = node.path("input").toString();
            } else if (block.type.equals("redacted_thinking")) {
                block.initialInput = node.path("data").asText("");
            }
            if (block.type.equals("text") && node.path("text").isTextual() && !node.path("text").asText().isEmpty()) {
                emitText(node.path("text").asText());
            }
            blocks.put(index, block);
            order.add(block);
        }

        private void delta(int index, JsonNode delta) {
            Block block = blocks.computeIfAbsent(index, ignored -> {
                Block added = new Block("text");
                order.add(added);
                return added;
            });
            switch (delta.path("type").asText()) {
                case "text_delta" -> emitText(delta.path("text").asText(""));
                case "thinking_delta" -> {
                    String chunk = delta.path("thinking").asText("");
                    block.content.append(chunk);
                    emitThinking(chunk);
                }
                case "signature_delta" -> block.signature.append(delta.path("signature").asText(""));
                case "input_json_delta" -> block.content.append(delta.path("partial_json").asText(""));
                default -> {
                    // citations and future delta types are not shown
                }
            }
        }

        private void readUsage(JsonNode usage) {
            if (!usage.isObject()) {
                return;
            }
            if (usage.path("input_tokens").isNumber()) {
                inputTokens = usage.path("input_tokens").asLong();
            }
            if (usage.path("output_tokens").isNumber()) {
                outputTokens = usage.path("output_tokens").asLong();
            }
            if (usage.path("cache_read_input_tokens").isNumber()) {
                cacheRead = usage.path("cache_read_input_tokens").asLong();
            }
            if (usage.path("cache_creation_input_tokens").isNumber()) {
                cacheWrite = usage.path("cache_creation_input_tokens").asLong();
            }
        }
    }

    /** One content block being assembled. */
    private static final class Block {
        private final String type;
        private String id = "";
        private String name = "";
        private String initialInput = "{}";
        private final StringBuilder content = new StringBuilder();
        private final StringBuilder signature = new StringBuilder();

        Block(String type) {
            this.type = type;
        }
    }
}
