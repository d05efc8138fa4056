package io.djinnbot.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A model provider on loopback that speaks HTTP/1.1 over a raw socket, so a test controls every byte
 * and every pause: split UTF-8 sequences, streams that drop, servers that never answer.
 */
public final class FakeProvider implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request as the fake received it; header names lower-case. */
    public record Recorded(String method, String path, Map<String, String> headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** What to send back on one connection. */
    @FunctionalInterface
    public interface Reply {
        void write(OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Reply> queued = new ConcurrentLinkedQueue<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile Function<Recorded, Reply> fallback = request -> status(500, Map.of(), "{\"error\":"
            + "{\"message\":\"no scripted reply\"}}");

    public FakeProvider() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public List<Recorded> requests() {
        return new ArrayList<>(requests);
    }

    /** Replies used in order, one per request; after them the fallback answers. */
    public FakeProvider enqueue(Reply... replies) {
        queued.addAll(List.of(replies));
        return this;
    }

    public FakeProvider fallback(Function<Recorded, Reply> reply) {
        this.fallback = reply;
        return this;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            Recorded request = read(socket.getInputStream());
            requests.add(request);
            Reply reply = queued.poll();
            if (reply == null) {
                reply = fallback.apply(request);
            }
            OutputStream out = socket.getOutputStream();
            reply.write(out);
            out.flush();
        } catch (IOException | InterruptedException ignored) {
            // the client went away: that is what several tests do on purpose
        } finally {
            open.remove(socket);
        }
    }

    private static Recorded read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the headers ended");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] start = lines[0].split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Recorded(start[0], start[1], headers, new String(body, StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }

    // ---- replies ----

    /** A complete non-streaming answer with a status, headers and a body. */
    public static Reply status(int code, Map<String, String> headers, String body) {
        return out -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("HTTP/1.1 " + code + " Status\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("Content-Type: application/json\r\nContent-Length: ").append(bytes.length)
                    .append("\r\nConnection: close\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
        };
    }

    /** An event stream written as the given byte pieces, each flushed, with a pause between them. */
    public static Reply stream(List<byte[]> pieces, long pauseMillis) {
        return out -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            for (byte[] piece : pieces) {
                out.write(piece);
                out.flush();
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
        };
    }

    /** An event stream of whole text pieces. */
    public static Reply stream(String... pieces) {
        List<byte[]> bytes = new ArrayList<>();
        for (String piece : pieces) {
            bytes.add(piece.getBytes(StandardCharsets.UTF_8));
        }
        return stream(bytes, 0);
    }

    /** Accepts the request and never answers (until the client gives up or the fake closes). */
    public static Reply silence() {
        return out -> Thread.sleep(60_000);
    }

    /** Sends the headers of a stream, then nothing. */
    public static Reply stall(String... before) {
        return out -> {
            stream(before).write(out);
            out.flush();
            Thread.sleep(60_000);
        };
    }

    // ---- wire formats ----

    /** One OpenAI chat-completions chunk as an SSE data line. */
    public static String openAi(String json) {
        return "data: " + json + "\n\n";
    }

    public static String openAiText(String text) {
        return openAi("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":"
                + "{\"content\":" + quote(text) + "},\"finish_reason\":null}]}");
    }

    public static String openAiFinish(String reason) {
        return openAi("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},"
                + "\"finish_reason\":\"" + reason + "\"}]}");
    }

    public static String openAiUsage(long prompt, long completion) {
        return openAi("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":"
                + "{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion + ",\"total_tokens\":"
                + (prompt + completion) + "}}");
    }

    /** A tool call sent as three chunks: id and name, then the arguments in two fragments. */
    public static List<String> openAiToolCall(int index, String id, String name, String argumentsJson) {
        int half = argumentsJson.length() / 2;
        return List.of(
                openAi("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":" + index + ",\"id\":\""
                        + id + "\",\"type\":\"function\",\"function\":{\"name\":\"" + name
                        + "\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}"),
                openAi("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":" + index
                        + ",\"function\":{\"arguments\":" + quote(argumentsJson.substring(0, half)) + "}}]}}]}"),
                openAi("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":" + index
                        + ",\"function\":{\"arguments\":" + quote(argumentsJson.substring(half)) + "}}]}}]}"));
    }

    public static final String OPENAI_DONE = "data: [DONE]\n\n";

    /** One Anthropic event. */
    public static String anthropic(String type, String json) {
        return "event: " + type + "\ndata: " + json + "\n\n";
    }

    public static String anthropicStart(long inputTokens) {
        return anthropic("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":"
                + "\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude\",\"stop_reason\":null,"
                + "\"usage\":{\"input_tokens\":" + inputTokens + ",\"output_tokens\":1}}}");
    }

    public static List<String> anthropicText(int index, String text) {
        return List.of(
                anthropic("content_block_start", "{\"type\":\"content_block_start\",\"index\":" + index
                        + ",\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
                anthropic("ping", "{\"type\":\"ping\"}"),
                anthropic("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index
                        + ",\"delta\":{\"type\":\"text_delta\",\"text\":" + quote(text) + "}}"),
                anthropic("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}"));
    }

    public static List<String> anthropicToolUse(int index, String id, String name, String inputJson) {
        int half = inputJson.length() / 2;
        return List.of(
                anthropic("content_block_start", "{\"type\":\"content_block_start\",\"index\":" + index
                        + ",\"content_block\":{\"type\":\"tool_use\",\"id\":\"" + id + "\",\"name\":\"" + name
                        + "\",\"input\":{}}}"),
                anthropic("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index
                        + ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}"),
                anthropic("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index
                        + ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":"
                        + quote(inputJson.substring(0, half)) + "}}"),
                anthropic("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index
                        + ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":"
                        + quote(inputJson.substring(half)) + "}}"),
                anthropic("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}"));
    }

    public static List<String> anthropicEnd(String stopReason, long outputTokens) {
        return List.of(
                anthropic("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stopReason
                        + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + outputTokens + "}}"),
                anthropic("message_stop", "{\"type\":\"message_stop\"}"));
    }

    public static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Joins pieces and lists of pieces into one list. */
    public static String[] pieces(Object... parts) {
        List<String> out = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof List<?> list) {
                list.forEach(item -> out.add((String) item));
            } else {
                out.add((String) part);
            }
        }
        return out.toArray(String[]::new);
    }
}
