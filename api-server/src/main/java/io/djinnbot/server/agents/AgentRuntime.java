package io.djinnbot.server.agents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.djinnbot.server.engine.CancelToken;
import io.djinnbot.server.llm.ChatMessage;
import io.djinnbot.server.llm.LlmCallRecord;
import io.djinnbot.server.llm.ModelClient;
import io.djinnbot.server.llm.ModelException;
import io.djinnbot.server.llm.ModelRef;
import io.djinnbot.server.llm.ModelRegistry;
import io.djinnbot.server.llm.ModelRequest;
import io.djinnbot.server.llm.ModelTurn;
import io.djinnbot.server.llm.PriceTable;
import io.djinnbot.server.llm.StreamListener;
import io.djinnbot.server.llm.ToolCall;
import io.djinnbot.server.llm.ToolSpec;
import io.djinnbot.server.llm.Usage;
import io.djinnbot.server.tools.Schemas;
import io.djinnbot.server.tools.Tool;
import io.djinnbot.server.tools.ToolBox;
import io.djinnbot.server.tools.ToolContext;
import io.djinnbot.server.tools.ToolResult;
import io.djinnbot.server.tools.Workspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one attempt of one step: a loop of model calls and tool calls confined to the step's
 * workspace, until the agent calls {@code complete} or {@code fail}, the turns run out, or the step
 * is cancelled. Every chunk, tool call and model call is reported through the step's
 * {@link StepEvents}. Thread-safe; each {@link #execute} runs on the caller's thread.
 */
public final class AgentRuntime {
    /** How often an agent that answers with text only is asked to call complete or fail. */
    static final int MAX_NUDGES = 2;
    static final int MAX_EVENT_RESULT_CHARS = 10_000;
    /** Answers cut off at the output limit in a row before the step gives up. */
    private static final int MAX_TRUNCATED_IN_ROW = 3;
    private static final int MAX_OUTPUT_TOKENS = 8192;
    private static final Logger LOGGER = LoggerFactory.getLogger(AgentRuntime.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FAILED_STATUSES = Set.of("fail", "failed", "error");

    private final ModelRegistry models;
    private final ToolBox toolBox;
    private final Duration maxBashTimeout;

    public AgentRuntime(ModelRegistry models) {
        this(models, ToolContext.DEFAULT_MAX_BASH_TIMEOUT);
    }

    public AgentRuntime(ModelRegistry models, Duration maxBashTimeout) {
        this.models = models;
        this.toolBox = ToolBox.coding();
        this.maxBashTimeout = maxBashTimeout;
    }

    /** The tools a model is offered: the workspace tools, then complete and fail. */
    public List<ToolSpec> toolSpecs() {
        List<ToolSpec> specs = new ArrayList<>();
        for (Tool tool : toolBox.tools()) {
            specs.add(new ToolSpec(tool.name(), tool.description(), tool.schema()));
        }
        specs.add(new ToolSpec("complete", "Finish the step successfully. outputs must hold a value for every "
                + "required output key; summary says in one or two sentences what was done.",
                Schemas.object(Schemas.properties(
                        "outputs", Map.of("type", "object", "additionalProperties", Map.of("type", "string"),
                                "description", "Output key to value"),
                        "summary", Schemas.string("What was done")), "outputs")));
        specs.add(new ToolSpec("fail", "Give up on the step and say why.",
                Schemas.object(Schemas.properties("error", Schemas.string("Why the step cannot be done")),
                        "error")));
        return specs;
    }

    /**
     * Runs the step until it completes or fails.
     *
     * @throws InterruptedException when the step's cancel token fired or the thread was interrupted
     */
    public StepOutcome execute(StepExecution exec) throws InterruptedException {
        return new Attempt(exec).run();
    }

    /** The state of one attempt. */
    private final class Attempt {
        private final StepExecution exec;
        private final StepEvents events;
        private final CancelToken cancel;
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder thinking = new StringBuilder();
        private final List<ChatMessage> messages = new ArrayList<>();
        private String modelUsed;

        Attempt(StepExecution exec) {
            this.exec = exec;
            this.events = exec.events();
            this.cancel = exec.cancel() == null ? new CancelToken() : exec.cancel();
            this.modelUsed = exec.model();
        }

        StepOutcome run() throws InterruptedException {
            ModelRef ref;
            ModelClient client;
            try {
                ref = ModelRef.parse(exec.model());
                client = models.resolve(exec.model());
            } catch (ModelException e) {
                return failure(e.getMessage(), isRetryable(e));
            } catch (IllegalArgumentException e) {
                return failure(e.getMessage(), false);
            }
            modelUsed = ref.toString();
            Workspace workspace = new Workspace(exec.workspace());
            ToolContext toolContext = new ToolContext(workspace, cancel, events::fileChanged, maxBashTimeout);
            List<ToolSpec> specs = toolSpecs();
            messages.add(new ChatMessage.User(exec.userPrompt() == null ? "" : exec.userPrompt()));
            boolean usedTools = false;
            int nudges = 0;
            int truncatedInRow = 0;
            int maxTurns = Math.max(1, exec.maxTurns());
            for (int turn = 1; turn <= maxTurns; turn++) {
                checkCancelled();
                ModelRequest request = new ModelRequest(ref.provider(), ref.model(), exec.systemPrompt(), messages,
                        specs, MAX_OUTPUT_TOKENS, exec.thinkingLevel(), exec);
                ModelTurn answer;
                TurnListener listener = new TurnListener(ref, client);
                try {
                    answer = client.complete(request, listener, cancel);
                } catch (ModelException e) {
                    listener.report(null, e.getMessage());
                    checkCancelled();
                    LOGGER.warn("model call failed step={} kind={}", exec.stepId(), e.kind());
                    if (!e.partialText().isEmpty() && !text.toString().endsWith(e.partialText())) {
                        text.append(e.partialText());
                    }
                    return failure(e.getMessage(), isRetryable(e));
                }
                listener.report(answer, null);
                truncatedInRow = answer.truncated() ? truncatedInRow + 1 : 0;
                if (truncatedInRow >= MAX_TRUNCATED_IN_ROW) {
                    // Another attempt would be cut off the same way; each one costs a full answer's tokens.
                    return failure("the model's answers were cut off at its output token limit " + truncatedInRow
                            + " times in a row (stop reason " + answer.stopReason() + ")", false);
                }
                messages.add(new ChatMessage.Assistant(answer.text(), answer.toolCalls(), answer.thinkingBlocks()));
                if (answer.toolCalls().isEmpty()) {
                    if (answer.truncated()) {
                        messages.add(new ChatMessage.User(cutOffNote()));
                        continue;
                    }
                    if (usedTools && nudges < MAX_NUDGES) {
                        nudges++;
                        messages.add(new ChatMessage.User(nudge()));
                        continue;
                    }
                    return fromFinalText(answer.text());
                }
                usedTools = true;
                for (ToolCall call : answer.toolCalls()) {
                    checkCancelled();
                    StepOutcome ended = handle(call, toolContext);
                    if (ended != null) {
                        return ended;
                    }
                }
                if (answer.truncated()) {
                    messages.add(new ChatMessage.User(cutOffNote()));
                }
            }
            return failure("the agent used all " + maxTurns + " turns without calling complete or fail");
        }

        /** Runs one tool call; returns an outcome when it ends the step. */
        private StepOutcome handle(ToolCall call, ToolContext toolContext) throws InterruptedException {
            events.toolStart(call.id(), call.name(), call.argumentsJson());
            long started = System.nanoTime();
            JsonNode args;
            try {
                args = JSON.readTree(call.argumentsJson());
            } catch (JsonProcessingException e) {
                args = null;
            }
            if (args == null || !args.isObject()) {
                return toolAnswer(call, ToolResult.error("the arguments of " + call.name()
                        + " are not a JSON object"), started);
            }
            switch (call.name()) {
                case "complete" -> {
                    Map<String, String> outputs = completeOutputs(args.path("outputs"));
                    String summary = args.path("summary").isTextual() ? args.path("summary").asText() : "";
                    toolAnswer(call, ToolResult.ok("step completed"), started);
                    return ended(outputs, summary);
                }
                case "fail" -> {
                    String error = args.path("error").asText("");
                    toolAnswer(call, ToolResult.ok("step failed"), started);
                    return failure(error.isBlank() ? "the agent gave up without a reason" : error);
                }
                default -> {
                    Tool tool = toolBox.tool(call.name()).orElse(null);
                    ToolResult result = tool == null
                            ? ToolResult.error("unknown tool '" + call.name() + "'; available: "
                            + String.join(", ", toolSpecs().stream().map(ToolSpec::name).toList()))
                            : tool.run(args, toolContext);
                    return toolAnswer(call, result, started);
                }
            }
        }

        private StepOutcome toolAnswer(ToolCall call, ToolResult result, long started) {
            long durationMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
            String shown = result.content().length() > MAX_EVENT_RESULT_CHARS
                    ? result.content().substring(0, MAX_EVENT_RESULT_CHARS) + "\n[result truncated]"
                    : result.content();
            events.toolEnd(call.id(), call.name(), shown, result.isError(), durationMs);
            messages.add(new ChatMessage.ToolResult(call.id(), call.name(), result.content(), result.isError()));
            return null;
        }

        private Map<String, String> completeOutputs(JsonNode node) {
            Map<String, String> outputs = new LinkedHashMap<>();
            if (node.isObject()) {
                node.properties().forEach(entry -> outputs.put(entry.getKey().toLowerCase(Locale.ROOT),
                        OutputExtractor.asText(entry.getValue())));
            }
            return outputs;
        }

        private StepOutcome fromFinalText(String finalText) {
            Map<String, String> outputs = OutputExtractor.fromText(finalText, exec.declaredOutputs());
            if (outputs.isEmpty() && !finalText.equals(text.toString())) {
                outputs = OutputExtractor.fromText(text.toString(), exec.declaredOutputs());
            }
            return ended(outputs, outputs.getOrDefault("summary", ""));
        }

        private StepOutcome ended(Map<String, String> outputs, String summary) {
            String status = outputs.getOrDefault("status", "").strip().toLowerCase(Locale.ROOT);
            if (FAILED_STATUSES.contains(status)) {
                String error = outputs.getOrDefault("error", "");
                return new StepOutcome(false, outputs, summary,
                        error.isBlank() ? "the agent reported status " + status : error,
                        text.toString(), thinking.toString(), modelUsed);
            }
            return new StepOutcome(true, outputs, summary, null, text.toString(), thinking.toString(), modelUsed);
        }

        private StepOutcome failure(String error) {
            return failure(error, true);
        }

        private StepOutcome failure(String error, boolean retryable) {
            return new StepOutcome(false, Map.of(), "", error, text.toString(), thinking.toString(), modelUsed,
                    retryable);
        }

        /** A missing key or a refused key fails the same way on every attempt. */
        private static boolean isRetryable(ModelException e) {
            return e.kind() != ModelException.Kind.NOT_CONFIGURED && e.kind() != ModelException.Kind.AUTH;
        }

        private static String cutOffNote() {
            return "Your last answer was cut off at the output token limit, so it is incomplete (a tool call's "
                    + "arguments may be missing their end). Continue with shorter answers: split large files into "
                    + "several writes or edits.";
        }

        private String nudge() {
            String keys = exec.declaredOutputs().isEmpty() ? "" : " Required outputs: "
                    + String.join(", ", exec.declaredOutputs()) + ".";
            return "You have not finished the step. Call the `complete` tool with a value for every required "
                    + "output and a summary, or call `fail` with an error if the step cannot be done." + keys;
        }

        private void checkCancelled() throws InterruptedException {
            if (cancel.isCancelled() || Thread.currentThread().isInterrupted()) {
                Thread.interrupted();
                throw new InterruptedException("step " + exec.stepId() + " cancelled");
            }
        }

        /** Forwards chunks to the step's events, keeps them for the outcome and reports each call attempt. */
        private final class TurnListener implements StreamListener {
            private final ModelRef ref;
            private final ModelClient client;
            private boolean hasThinking;
            private int attempt = 1;
            private long attemptStarted = System.nanoTime();

            TurnListener(ModelRef ref, ModelClient client) {
                this.ref = ref;
                this.client = client;
            }

            @Override
            public void onAttemptFailed(int failedAttempt, String error, long durationMs) {
                report(null, error);
                attempt = failedAttempt + 1;
                attemptStarted = System.nanoTime();
            }

            /** Records the current attempt: answered ({@code answer}) or failed ({@code error}). */
            void report(ModelTurn answer, String error) {
                long durationMs = Duration.ofNanos(System.nanoTime() - attemptStarted).toMillis();
                Usage usage = answer == null ? Usage.unknown() : answer.usage();
                PriceTable.Cost cost = answer == null ? PriceTable.Cost.FREE
                        : models.cost(ref.provider(), ref.model(), usage);
                boolean thought = hasThinking || (answer != null && !answer.thinking().isEmpty());
                events.llmCall(new LlmCallRecord(ref.provider(), ref.model(), usage.inputTokens(),
                        usage.outputTokens(), usage.cacheRead(), usage.cacheWrite(), cost.input(), cost.output(),
                        cost.total(), cost.approximate(), durationMs, answer == null ? 0 : answer.toolCalls().size(),
                        thought, answer == null ? "error" : answer.stopReason(), answer != null && answer.truncated(),
                        error, client.keySource(), client.keyMasked(), attempt));
            }

            @Override
            public void onText(String chunk) {
                text.append(chunk);
                events.output(chunk);
            }

            @Override
            public void onThinking(String chunk) {
                hasThinking = true;
                thinking.append(chunk);
                events.thinking(chunk);
            }
        }
    }
}
