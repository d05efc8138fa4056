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
import io.djinnbot.server.llm.ToolCall;
import io.djinnbot.server.llm.ToolSpec;
import io.djinnbot.server.llm.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * OpenAI-compatible streaming chat completions: OpenAI, OpenRouter, Ollama and any {@code custom-<slug>}
 * server. Tool calls are assembled from their argument fragments; {@code reasoning_content} and
 * {@code reasoning} deltas are thinking. Thread-safe (one instance per resolved model string).
 */
final class OpenAiChatClient implements ModelClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final Pattern OPENAI_REASONING = Pattern.compile("^(o\\d|gpt-5).*");

    private final String provider;
    private final Credentials credentials;
    private final ProviderHttp http;

    OpenAiChatClient(String provider, Credentials credentials, ProviderHttp http) {
        this.provider = provider;
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

    @Override
    public ModelTurn complete(ModelRequest request, StreamListener listener, CancelToken cancel)
            throws ModelException, InterruptedException {
        Request.Builder http = new Request.Builder()
                .url(credentials.baseUrl() + "/chat/completions")
                .header("Accept", "text/event-stream")
                .post(RequestBody.create(body(request), JSON_TYPE));
        if (credentials.apiKey() != null) {
            http.header("Authorization", "Bearer " + credentials.apiKey());
        }
        if (provider.equals("openrouter")) {
            http.header("HTTP-Referer", "https://djinnbot.dev").header("X-Title", "DjinnBot");
        }
        return this.http.stream(provider, http.build(), credentials.redactor(), cancel, listener, new Parser(listener));
    }

    String body(ModelRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", request.model());
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        body.put(provider.equals("openai") ? "max_completion_tokens" : "max_tokens", request.maxOutputTokens());
        ArrayNode messages = body.putArray("messages");
        if (!request.systemPrompt().isEmpty()) {
            messages.addObject().put("role", "system").put("content", request.systemPrompt());
        }
        for (ChatMessage message : request.messages()) {
            switch (message) {
                case ChatMessage.User user -> messages.addObject().put("role", "user").put("content", user.text());
                case ChatMessage.Assistant assistant -> {
                    ObjectNode node = messages.addObject().put("role", "assistant");
                    if (assistant.text().isEmpty() && !assistant.toolCalls().isEmpty()) {
                        node.putNull("content");
                    } else {
                        node.put("content", assistant.text());
                    }
                    if (!assistant.toolCalls().isEmpty()) {
                        ArrayNode calls = node.putArray("tool_calls");
                        for (ToolCall call : assistant.toolCalls()) {
                            ObjectNode callNode = calls.addObject().put("id", call.id()).put("type", "function");
                            callNode.putObject("function").put("name", call.name())
                                    .put("arguments", call.argumentsJson());
                        }
                    }
                }
                case ChatMessage.ToolResult result -> messages.addObject().put("role", "tool")
                        .put("tool_call_id", result.toolCallId())
                        .put("content", result.isError() ? "ERROR: " + result.content() : result.content());
            }
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec tool : request.tools()) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function");
                function.put("name", tool.name()).put("description", tool.description());
                function.set("parameters", JSON.valueToTree(tool.jsonSchema()));
            }
        }
        String effort = effort(request.thinkingLevel());
        if (effort != null) {
            if (provider.equals("openrouter")) {
                body.putObject("reasoning").put("effort", effort);
            } else if (provider.equals("openai") && OPENAI_REASONING.matcher(request.model()).matches()) {
                body.put("reasoning_effort", effort);
            }
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a chat request as JSON", e);
        }
    }

    private static String effort(String level) {
        if (level == null) {
            return null;
        }
        return switch (level.toLowerCase(Locale.ROOT)) {
            case "minimal", "low" -> "low";
            case "medium" -> "medium";
            case "high", "xhigh" -> "high";
            default -> null;
        };
    }

    /** Reads one streamed answer. */
    private final class Parser extends StreamedTurn {
        private final Map<Integer, PendingCall> calls = new TreeMap<>();
        private String finishReason;
        private Usage usage = Usage.unknown();

        Parser(StreamListener listener) {
            super(listener);
        }

        @Override
        public void read(Response response) throws IOException, ModelException {
            SseReader reader = new SseReader(response.body().source());
            boolean done = false;
            for (SseReader.SseEvent event = reader.next(); event != null; event = reader.next()) {
                String data = event.data().strip();
                if (data.equals("[DONE]")) {
                    done = true;
                    break;
                }
                if (data.isEmpty()) {
                    continue;
                }
                JsonNode chunk;
                try {
                    chunk = JSON.readTree(data);
                } catch (JsonProcessingException e) {
                    throw new ModelException(Kind.PROVIDER, provider + " sent a chunk that is not JSON"
                            + ProviderHttp.keptNote(partialText()), partialText(), null);
                }
                if (chunk.has("error") && !chunk.get("error").isNull()) {
                    JsonNode error = chunk.get("error");
                    String message = error.isTextual() ? error.asText() : error.path("message").asText("unknown error");
                    throw new ModelException(Kind.PROVIDER, provider + " reported an error in the stream: "
                            + credentials.redactor().redact(message) + ProviderHttp.keptNote(partialText()),
                            partialText(), null);
                }
                readUsage(chunk.path("usage"));
                for (JsonNode choice : chunk.path("choices")) {
                    readDelta(choice.path("delta"));
                    JsonNode finish = choice.path("finish_reason");
                    if (finish.isTextual()) {
                        finishReason = finish.asText();
                    }
                }
            }
            if (!done && finishReason == null) {
                throw new ModelException(Kind.NETWORK, "the stream from " + provider + " ended before the answer "
                        + "was complete" + ProviderHttp.keptNote(partialText()), partialText(), null);
            }
            if ("error".equals(finishReason)) {
                throw new ModelException(Kind.PROVIDER, provider + " ended the answer with an error"
                        + ProviderHttp.keptNote(partialText()), partialText(), null);
            }
            List<ToolCall> toolCalls = new ArrayList<>();
            for (Map.Entry<Integer, PendingCall> entry : calls.entrySet()) {
                PendingCall call = entry.getValue();
                if (call.name.isEmpty()) {
                    continue;
                }
                String id = call.id.isEmpty() ? "call_" + entry.getKey() : call.id;
                toolCalls.add(new ToolCall(id, call.name.toString(), call.arguments.toString()));
            }
            boolean truncated = "length".equals(finishReason);
            finish(new ModelTurn(text(), thinking(), toolCalls, usage, finishReason, truncated));
        }

        private void readDelta(JsonNode delta) {
            JsonNode content = delta.path("content");
            if (content.isTextual()) {
                emitText(content.asText());
            }
            for (String field : new String[] {"reasoning_content", "reasoning"}) {
                JsonNode reasoning = delta.path(field);
                if (reasoning.isTextual() && !reasoning.asText().isEmpty()) {
                    emitThinking(reasoning.asText());
                    break;
                }
            }
            for (JsonNode fragment : delta.path("tool_calls")) {
                int index = fragment.path("index").asInt(calls.size());
                PendingCall call = calls.computeIfAbsent(index, ignored -> new PendingCall());
                if (fragment.path("id").isTextual() && call.id.isEmpty()) {
                    call.id = fragment.path("id").asText();
                }
                JsonNode function = fragment.path("function");
                if (function.path("name").isTextual()) {
                    call.name.append(function.path("name").asText());
                }
                if (function.path("arguments").isTextual()) {
                    call.arguments.append(function.path("arguments").asText());
                } else if (function.path("arguments").isObject()) {
                    call.arguments.append(function.path("arguments").toString());
                }
            }
        }

        private void readUsage(JsonNode node) {
            if (!node.isObject()) {
                return;
            }
            long prompt = node.path("prompt_tokens").asLong(0);
            long completion = node.path("completion_tokens").asLong(0);
            long cached = node.path("prompt_tokens_details").path("cached_tokens").asLong(0);
            long cacheWrite = node.path("prompt_tokens_details").path("cache_write_tokens").asLong(0);
            long input = Math.max(0, prompt - cached - cacheWrite);
            usage = new Usage(input, completion, cached, cacheWrite);
        }
    }

    /** A tool call being assembled from its fragments. */
    private static final class PendingCall {
        private String id = "";
        private final StringBuilder name = new StringBuilder();
        private final StringBuilder arguments = new StringBuilder();
    }
}
