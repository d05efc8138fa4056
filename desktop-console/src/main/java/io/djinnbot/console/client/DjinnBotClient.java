package io.djinnbot.console.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.djinnbot.model.Agent;
import io.djinnbot.model.LlmCallPage;
import io.djinnbot.model.Pipeline;
import io.djinnbot.model.Run;
import io.djinnbot.model.ServerStatus;
import io.djinnbot.model.StepOutput;
import io.djinnbot.model.UsageDay;
import io.djinnbot.model.UsageSummary;
import io.djinnbot.model.ValidationProblem;
import io.djinnbot.model.ValidationReport;
import io.djinnbot.model.WorkspaceFile;
import io.djinnbot.model.WorkspaceFileContent;
import io.djinnbot.model.WorkspaceFileList;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Typed access to the DjinnBot REST routes. Every method blocks until the answer is read, so callers run it off
 * any UI thread. An error status becomes an {@link ApiException}; a server that cannot be reached an
 * {@link IOException}.
 *
 * <p>Thread-safe: one instance (and one OkHttp client) serves the whole application, the event streams included.
 */
public final class DjinnBotClient {
    private static final MediaType JSON = MediaType.get("application/json");

    private final HttpUrl baseUrl;
    private final OkHttpClient http;
    private final ObjectMapper mapper;

    /** A client for the server at {@code baseUrl}, e.g. {@code http://127.0.0.1:8000}. */
    public DjinnBotClient(String baseUrl) {
        this(baseUrl, new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(3))
                .readTimeout(Duration.ofSeconds(30))
                .build());
    }

    /** A client that shares an existing OkHttp client (its pools and dispatcher). */
    public DjinnBotClient(String baseUrl, OkHttpClient http) {
        HttpUrl parsed = HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl"));
        if (parsed == null) {
            throw new IllegalArgumentException("not an http(s) URL: '" + baseUrl + "'");
        }
        this.baseUrl = parsed;
        this.http = http;
        this.mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** The server's address as given. */
    public HttpUrl baseUrl() {
        return baseUrl;
    }

    /** The shared OkHttp client, for variants made with {@code newBuilder()}. */
    public OkHttpClient http() {
        return http;
    }

    /** The JSON mapper the client reads answers with. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** {@code GET /v1/status}. */
    public ServerStatus status() throws IOException, ApiException {
        return get(url("v1/status").build(), new TypeReference<>() { });
    }

    /**
     * {@code GET /v1/runs}, newest first.
     *
     * @param status a run status to keep only, or null
     * @param pipelineId a pipeline to keep only, or null
     * @param limit the most runs to return
     */
    public List<Run> runs(String status, String pipelineId, int limit) throws IOException, ApiException {
        HttpUrl.Builder url = url("v1/runs").addQueryParameter("limit", Integer.toString(limit));
        if (status != null) {
            url.addQueryParameter("status", status);
        }
        if (pipelineId != null) {
            url.addQueryParameter("pipeline_id", pipelineId);
        }
        return get(url.build(), new TypeReference<>() { });
    }

    /** {@code GET /v1/runs/{id}}, with its steps. */
    public Run run(String runId) throws IOException, ApiException {
        return get(url("v1/runs").addPathSegment(runId).build(), new TypeReference<>() { });
    }

    /**
     * {@code POST /v1/runs}: starts a run.
     *
     * @param humanContext extra context for the agents, or null
     * @param modelOverride a model for every step, or null
     * @return the new run, still pending
     */
    public Run startRun(String pipelineId, String task, String humanContext, String modelOverride)
            throws IOException, ApiException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pipeline_id", pipelineId);
        body.put("task_description", task);
        if (humanContext != null && !humanContext.isBlank()) {
            body.put("human_context", humanContext);
        }
        if (modelOverride != null && !modelOverride.isBlank()) {
            body.put("model_override", modelOverride);
        }
        return send("POST", url("v1/runs").build(), body, new TypeReference<>() { });
    }

    /** {@code POST /v1/runs/{id}/cancel}. */
    public void cancelRun(String runId) throws IOException, ApiException {
        send("POST", url("v1/runs").addPathSegment(runId).addPathSegment("cancel").build(), Map.of(),
                new TypeReference<JsonNode>() { });
    }

    /** {@code POST /v1/runs/{id}/restart}, with extra context for the agents or null. */
    public void restartRun(String runId, String context) throws IOException, ApiException {
        Map<String, Object> body = context == null || context.isBlank() ? Map.of() : Map.of("context", context);
        send("POST", url("v1/runs").addPathSegment(runId).addPathSegment("restart").build(), body,
                new TypeReference<JsonNode>() { });
    }

    /** {@code DELETE /v1/runs/{id}}. */
    public void deleteRun(String runId) throws IOException, ApiException {
        send("DELETE", url("v1/runs").addPathSegment(runId).build(), null, new TypeReference<JsonNode>() { });
    }

    /** {@code GET /v1/runs/{id}/files}: the files in the run's workspace, sorted by path. */
    public List<WorkspaceFile> runFiles(String runId) throws IOException, ApiException {
        WorkspaceFileList list = get(url("v1/runs").addPathSegment(runId).addPathSegment("files").build(),
                new TypeReference<>() { });
        return list == null ? List.of() : list.files();
    }

    /**
     * {@code GET /v1/runs/{id}/files/content?path=}: one file of the run's workspace.
     *
     * @param path the path relative to the workspace, as {@link #runFiles} lists it
     */
    public WorkspaceFileContent runFile(String runId, String path) throws IOException, ApiException {
        return get(url("v1/runs").addPathSegment(runId).addPathSegment("files").addPathSegment("content")
                .addQueryParameter("path", path).build(), new TypeReference<>() { });
    }

    /** {@code GET /v1/steps/{run_id}/{step_id}/output}. */
    public StepOutput stepOutput(String runId, String stepId) throws IOException, ApiException {
        return get(url("v1/steps").addPathSegment(runId).addPathSegment(stepId).addPathSegment("output").build(),
                new TypeReference<>() { });
    }

    /** {@code GET /v1/pipelines}. */
    public List<Pipeline> pipelines() throws IOException, ApiException {
        return get(url("v1/pipelines").build(), new TypeReference<>() { });
    }

    /** {@code GET /v1/pipelines/{id}/raw}: the YAML file as stored. */
    public String pipelineYaml(String pipelineId) throws IOException, ApiException {
        JsonNode raw = get(url("v1/pipelines").addPathSegment(pipelineId).addPathSegment("raw").build(),
                new TypeReference<>() { });
        return raw.path("yaml").asText("");
    }

    /** {@code POST /v1/pipelines/{id}/validate}: checks the stored file. */
    public ValidationReport validatePipeline(String pipelineId) throws IOException, ApiException {
        return send("POST", url("v1/pipelines").addPathSegment(pipelineId).addPathSegment("validate").build(),
                Map.of(), new TypeReference<>() { });
    }

    /**
     * {@code PUT /v1/pipelines/{id}}: stores new YAML. An invalid file is refused with status 400 and its
     * problems in {@link ApiError#problems()}.
     */
    public void savePipeline(String pipelineId, String yaml) throws IOException, ApiException {
        send("PUT", url("v1/pipelines").addPathSegment(pipelineId).build(), Map.of("yaml_content", yaml),
                new TypeReference<JsonNode>() { });
    }

    /** {@code GET /v1/agents}. */
    public List<Agent> agents() throws IOException, ApiException {
        return get(url("v1/agents").build(), new TypeReference<>() { });
    }

    /** {@code GET /v1/agents/{id}}, with persona files and soul preview. */
    public Agent agent(String agentId) throws IOException, ApiException {
        return get(url("v1/agents").addPathSegment(agentId).build(), new TypeReference<>() { });
    }

    /** {@code GET /v1/llm-calls}, newest first; {@code runId} may be null for all runs. */
    public LlmCallPage llmCalls(String runId, int limit) throws IOException, ApiException {
        HttpUrl.Builder url = url("v1/llm-calls").addQueryParameter("limit", Integer.toString(limit));
        if (runId != null) {
            url.addQueryParameter("run_id", runId);
        }
        return get(url.build(), new TypeReference<>() { });
    }

    /** {@code GET /v1/llm-calls/summary}. */
    public UsageSummary usageSummary() throws IOException, ApiException {
        return get(url("v1/llm-calls/summary").build(), new TypeReference<>() { });
    }

    /** {@code GET /v1/usage/history?days=N}, oldest day first. */
    public List<UsageDay> usageHistory(int days) throws IOException, ApiException {
        JsonNode body = get(url("v1/usage/history").addQueryParameter("days", Integer.toString(days)).build(),
                new TypeReference<>() { });
        return mapper.convertValue(body.path("days"), new TypeReference<List<UsageDay>>() { });
    }

    HttpUrl.Builder url(String path) {
        return baseUrl.newBuilder().addPathSegments(path);
    }

    private <T> T get(HttpUrl url, TypeReference<T> type) throws IOException, ApiException {
        return execute(new Request.Builder().url(url).get().build(), type);
    }

    private <T> T send(String method, HttpUrl url, Object body, TypeReference<T> type)
            throws IOException, ApiException {
        RequestBody requestBody = body == null ? null : RequestBody.create(json(body), JSON);
        return execute(new Request.Builder().url(url).method(method, requestBody).build(), type);
    }

    private byte[] json(Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T execute(Request request, TypeReference<T> type) throws IOException, ApiException {
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            String text = body.string();
            if (!response.isSuccessful()) {
                throw new ApiException(error(response.code(), text));
            }
            return mapper.readValue(text.isEmpty() ? "null" : text, type);
        }
    }

    private ApiError error(int status, String text) {
        try {
            JsonNode node = mapper.readTree(text);
            if (node != null && node.isObject()) {
                List<ValidationProblem> problems = node.has("errors")
                        ? mapper.convertValue(node.get("errors"), new TypeReference<>() { })
                        : List.of();
                return new ApiError(status, node.path("detail").asText(null), problems);
            }
        } catch (IOException | IllegalArgumentException ignored) {
            // Not JSON (a proxy page, an empty body): the status alone has to do.
        }
        return new ApiError(status, null, List.of());
    }
}
