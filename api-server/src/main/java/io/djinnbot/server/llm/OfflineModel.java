package io.djinnbot.server.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.djinnbot.server.agents.StepExecution;
import io.djinnbot.server.engine.CancelToken;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The embedded {@code offline} provider: a deterministic simulated agent that needs no network and
 * no key. It says plainly that it is simulated, writes one relevant file through the real
 * {@code write} tool, reads it back, and completes the step with every declared output.
 *
 * <p>Each chunk is preceded by a pause of {@code paceMillis} so a run looks live; the pause ends at
 * once when the cancel token fires or the thread is interrupted. Stateless and thread-safe: the
 * turn it plays is read from the conversation.
 */
public final class OfflineModel implements ModelClient {
    public static final String PROVIDER = "offline";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SUCCESS_CHOICES = List.of("APPROVED", "PASS", "SUCCESS", "DONE", "YES", "OK");
    private static final java.util.Set<String> FAILURE_CHOICES = java.util.Set.of("FAIL", "FAILED", "FAILURE",
            "CHANGES_REQUESTED", "REJECTED", "BLOCKED", "NO", "ERROR", "RETRY");
    private static final List<String> RESULT_SUFFIXES =
            List.of("result", "status", "decision", "verdict", "outcome", "approval");

    private final long paceMillis;

    public OfflineModel(long paceMillis) {
        if (paceMillis < 0) {
            throw new IllegalArgumentException("paceMillis must not be negative, was " + paceMillis);
        }
        this.paceMillis = paceMillis;
    }

    @Override
    public ModelTurn complete(ModelRequest request, StreamListener listener, CancelToken cancel)
            throws InterruptedException {
        CancelToken token = cancel == null ? new CancelToken() : cancel;
        CountDownLatch fired = new CountDownLatch(1);
        try (CancelToken.Registration ignored = token.onCancel(fired::countDown)) {
            Turn turn = new Turn(request, listener, new Pacer(paceMillis, token, fired));
            return turn.play();
        }
    }

    /**
     * Picks the value of {@code choices} that means success. When every choice means failure (a
     * pipeline that only routes {@code FAIL} back and lets success fall through), answers PASS, which
     * matches none of them.
     */
    static String successChoice(List<String> choices) {
        for (String preferred : SUCCESS_CHOICES) {
            for (String choice : choices) {
                if (choice.strip().equalsIgnoreCase(preferred)) {
                    return choice;
                }
            }
        }
        for (String choice : choices) {
            if (!FAILURE_CHOICES.contains(choice.strip().toUpperCase(Locale.ROOT))) {
                return choice;
            }
        }
        return "PASS";
    }

    /** Waits between chunks; wakes at once on cancel or interrupt. */
    private record Pacer(long millis, CancelToken token, CountDownLatch fired) {
        void pause() throws InterruptedException {
            if (token.isCancelled() || Thread.interrupted()) {
                throw new InterruptedException("step cancelled");
            }
            if (millis > 0 && fired.await(millis, TimeUnit.MILLISECONDS)) {
                throw new InterruptedException("step cancelled");
            }
        }
    }

    /** One call: reads where the conversation stands and plays the next move. */
    private static final class Turn {
        private final ModelRequest request;
        private final StreamListener listener;
        private final Pacer pacer;
        private final StepExecution step;
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder thinking = new StringBuilder();
        private final Set<String> toolNames = new LinkedHashSet<>();
        private final int turnNumber;

        Turn(ModelRequest request, StreamListener listener, Pacer pacer) {
            this.request = request;
            this.listener = listener == null ? StreamListener.ignoring() : listener;
            this.pacer = pacer;
            this.step = request.step();
            request.tools().forEach(tool -> toolNames.add(tool.name()));
            this.turnNumber = 1 + (int) request.messages().stream()
                    .filter(message -> message instanceof ChatMessage.Assistant)
                    .count();
        }

        ModelTurn play() throws InterruptedException {
            if (step == null) {
                streamWords("This is the simulated offline agent of DjinnBot. It runs without a model provider, "
                        + "so it can only describe what a real agent would do. Configure a real model to get "
                        + "real answers.");
                return finish(List.of(), "stop");
            }
            List<String> written = writtenFiles();
            if (turnNumber == 1 && toolNames.contains("write")) {
                return planAndWrite();
            }
            if (turnNumber == 2 && !written.isEmpty() && toolNames.contains("read")) {
                streamWords("Let me read back " + written.getLast() + " to check what I wrote.");
                return finish(List.of(call("read", Map.of("path", written.getLast()))), "tool_use");
            }
            Map<String, String> outputs = outputs(written);
            String summary = summary(written);
            if (toolNames.contains("complete")) {
                streamWords("The file is in place. Completing step " + step.stepId() + " with its outputs.");
                Map<String, Object> args = new LinkedHashMap<>();
                args.put("outputs", outputs);
                args.put("summary", summary);
                return finish(List.of(call("complete", args)), "tool_use");
            }
            StringBuilder lines = new StringBuilder();
            outputs.forEach((key, value) -> lines.append(key.toUpperCase(Locale.ROOT)).append(": ")
                    .append(value.replace("\n", "\n  ")).append('\n'));
            stream(lines.toString());
            return finish(List.of(), "stop");
        }

        private ModelTurn planAndWrite() throws InterruptedException {
            String path = OfflineArtifacts.pathFor(step);
            streamThinking("The step is " + step.stepId() + " for agent " + step.agentId() + ". ");
            streamThinking("There is no real model here, so I follow the simulated plan. ");
            streamThinking("I will write " + path + " and then report every declared output.");
            StringBuilder intro = new StringBuilder("This is a simulated offline agent, not a real model. As ")
                    .append(step.agentId()).append(" on step ").append(step.stepId()).append(" I will work on: ")
                    .append(OfflineArtifacts.shortTask(step.taskDescription(), 12)).append('.');
            if (step.loopItem() != null && !step.loopItem().isBlank()) {
                intro.append(" Current item: ").append(OfflineArtifacts.shortTask(step.loopItem(), 10)).append('.');
            }
            intro.append(" I will write ").append(path).append(" into the workspace, read it back, and then complete ")
                    .append("the step with its declared outputs.");
            streamWords(intro.toString());
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("path", path);
            args.put("content", OfflineArtifacts.contentFor(step, path));
            return finish(List.of(call("write", args)), "tool_use");
        }

        private Map<String, String> outputs(List<String> written) {
            List<String> declared = step.declaredOutputs();
            String resultKey = null;
            if (!step.resultChoices().isEmpty()) {
                resultKey = declared.stream().filter(Turn::isResultLike).findFirst()
                        .orElse(declared.stream().filter(key -> !isSpecial(key)).findFirst().orElse(null));
            }
            Map<String, String> outputs = new LinkedHashMap<>();
            for (String key : declared) {
                String lower = key.toLowerCase(Locale.ROOT);
                String value;
                if (key.equals(resultKey)) {
                    value = successChoice(step.resultChoices());
                } else if (lower.equals("files_changed")) {
                    value = String.join(", ", written);
                } else if (lower.endsWith("_json")) {
                    value = jsonArray(lower);
                } else if (lower.equals("status")) {
                    value = "done";
                } else if (lower.equals("summary")) {
                    value = summary(written);
                } else {
                    value = OfflineArtifacts.sentenceFor(lower, step, written);
                }
                outputs.put(lower, value);
            }
            return outputs;
        }

        private String jsonArray(String key) {
            if (key.contains("bug") || key.contains("issue") || key.contains("error") || key.contains("fail")) {
                return "[]";
            }
            try {
                return JSON.writeValueAsString(OfflineArtifacts.tasksFrom(step.taskDescription()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot encode a list of strings", e);
            }
        }

        private String summary(List<String> written) {
            String files = written.isEmpty() ? "no files" : String.join(", ", written);
            return "Simulated offline run of " + step.stepId() + " by " + step.agentId() + ": wrote " + files + ".";
        }

        private static boolean isResultLike(String key) {
            String lower = key.toLowerCase(Locale.ROOT);
            return RESULT_SUFFIXES.stream().anyMatch(lower::endsWith);
        }

        private static boolean isSpecial(String key) {
            String lower = key.toLowerCase(Locale.ROOT);
            return lower.endsWith("_json") || lower.equals("files_changed") || lower.equals("summary");
        }

        /** Paths of the successful {@code write} calls so far, in order. */
        private List<String> writtenFiles() {
            Map<String, String> pathsByCall = new LinkedHashMap<>();
            List<String> written = new ArrayList<>();
            for (ChatMessage message : request.messages()) {
                if (message instanceof ChatMessage.Assistant assistant) {
                    for (ToolCall toolCall : assistant.toolCalls()) {
                        if (toolCall.name().equals("write")) {
                            pathsByCall.put(toolCall.id(), pathOf(toolCall.argumentsJson()));
                        }
                    }
                } else if (message instanceof ChatMessage.ToolResult result && !result.isError()) {
                    String path = pathsByCall.get(result.toolCallId());
                    if (path != null && !written.contains(path)) {
                        written.add(path);
                    }
                }
            }
            return written;
        }

        private static String pathOf(String argumentsJson) {
            try {
                JsonNode node = JSON.readTree(argumentsJson);
                return node.path("path").asText("");
            } catch (JsonProcessingException e) {
                return "";
            }
        }

        private ToolCall call(String name, Map<String, Object> args) throws InterruptedException {
            pacer.pause();
            ObjectNode node = JSON.valueToTree(args);
            return new ToolCall("offline_" + turnNumber + "_" + name, name, node.toString());
        }

        private void streamWords(String sentence) throws InterruptedException {
            String[] words = sentence.split(" ");
            for (int i = 0; i < words.length; i++) {
                stream(i == words.length - 1 ? words[i] + "\n" : words[i] + " ");
            }
        }

        private void stream(String chunk) throws InterruptedException {
            pacer.pause();
            text.append(chunk);
            listener.onText(chunk);
        }

        private void streamThinking(String chunk) throws InterruptedException {
            pacer.pause();
            thinking.append(chunk);
            listener.onThinking(chunk);
        }

        private ModelTurn finish(List<ToolCall> calls, String stopReason) {
            long inputChars = request.systemPrompt().length();
            for (ChatMessage message : request.messages()) {
                inputChars += switch (message) {
                    case ChatMessage.User user -> user.text().length();
                    case ChatMessage.Assistant assistant -> assistant.text().length()
                            + assistant.toolCalls().stream().mapToInt(c -> c.argumentsJson().length()).sum();
                    case ChatMessage.ToolResult result -> result.content().length();
                };
            }
            long outputChars = text.length() + thinking.length()
                    + calls.stream().mapToInt(c -> c.argumentsJson().length()).sum();
            Usage usage = new Usage(1 + inputChars / 4, 1 + outputChars / 4, 0, 0);
            return new ModelTurn(text.toString(), thinking.toString(), calls, usage,
                    Objects.requireNonNull(stopReason), false);
        }
    }
}
