package io.djinnbot.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few REST calls of the command line. An HTTP error status becomes an {@link ApiErrorException}; an
 * {@link IOException} means the server could not be reached. Thread-safe.
 */
public final class ServerApi {
    private static final Logger LOGGER = LoggerFactory.getLogger(ServerApi.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(3);

    private final OkHttpClient client;
    private final OkHttpClient probeClient;
    private final OkHttpClient cancelClient;
    private final HttpUrl base;
    private final ObjectMapper mapper;

    public ServerApi(OkHttpClient client, HttpUrl base, ObjectMapper mapper) {
        this.client = client;
        this.probeClient = client.newBuilder().callTimeout(PROBE_TIMEOUT).retryOnConnectionFailure(false).build();
        this.cancelClient = client.newBuilder().callTimeout(CANCEL_TIMEOUT).build();
        this.base = base;
        this.mapper = mapper;
    }

    /** Whether a server answers {@code GET /v1/status} with a success status, within a short timeout. */
    public boolean isUp() {
        Request request = new Request.Builder().url(url("v1/status")).get().build();
        try (Response response = probeClient.newCall(request).execute()) {
            return response.isSuccessful();
        } catch (IOException unreachable) {
            LOGGER.debug("status probe failed url={} reason={}", base, unreachable.toString());
            return false;
        }
    }

    /**
     * How many runs the server is executing or about to execute, or -1 when it cannot tell.
     */
    public int unfinishedRuns() {
        Request request = new Request.Builder().url(url("v1/status")).get().build();
        try {
            JsonNode status = call(probeClient, request);
            return status.path("active_runs").asInt(0) + status.path("pending_runs").asInt(0);
        } catch (IOException | ApiErrorException unreachable) {
            LOGGER.debug("status read failed url={} reason={}", base, unreachable.toString());
            return -1;
        }
    }

    /** Creates a run and returns the run object. */
    public JsonNode createRun(CreateRunRequest body) throws IOException, ApiErrorException {
        RequestBody json = RequestBody.create(mapper.writeValueAsBytes(body), JSON);
        Request request = new Request.Builder().url(url("v1/runs")).post(json).build();
        JsonNode run = call(client, request);
        if (!run.path("id").isTextual()) {
            throw new IOException("the server answered POST /v1/runs without a run id: " + run);
        }
        return run;
    }

    /** Asks the server to cancel a run, within a short timeout. */
    public void cancelRun(String runId) throws IOException, ApiErrorException {
        HttpUrl url = base.newBuilder().addPathSegments("v1/runs").addPathSegment(runId).addPathSegment("cancel")
                .build();
        Request request = new Request.Builder().url(url).post(RequestBody.create(new byte[0], JSON)).build();
        call(cancelClient, request);
    }

    private JsonNode call(OkHttpClient http, Request request) throws IOException, ApiErrorException {
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            if (!response.isSuccessful()) {
                throw new ApiErrorException(ApiError.parse(mapper, response.code(), text));
            }
            JsonNode node = text.isBlank() ? null : mapper.readTree(text);
            return node == null ? mapper.createObjectNode() : node;
        }
    }

    private HttpUrl url(String path) {
        return base.newBuilder().addPathSegments(path).build();
    }
}
