package io.djinnbot.server.llm.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.djinnbot.server.engine.CancelToken;
import io.djinnbot.server.llm.ModelException;
import io.djinnbot.server.llm.ModelException.Kind;
import io.djinnbot.server.llm.StreamListener;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends streaming requests to model providers: one OkHttp client with separate connect and idle
 * timeouts (the step timeout is the engine's), a limiter per provider that honours {@code Retry-After}
 * for every call to that provider, jittered backoff, and cancellation that aborts the HTTP call at
 * once. Thread-safe.
 */
public final class ProviderHttp {
    /** Reads a successful streaming response. */
    interface StreamHandler<T> {
        void read(Response response) throws IOException, ModelException;

        /** What {@link #read} assembled. */
        T result();

        /** The text streamed so far, kept when the stream fails. */
        String partialText();
    }

    private static final Logger LOGGER = LoggerFactory.getLogger(ProviderHttp.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_BODY_BYTES = 4096;

    private final ProviderSettings settings;
    private final OkHttpClient client;
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();

    public ProviderHttp(ProviderSettings settings) {
        this.settings = settings;
        this.client = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.idleTimeout())
                .writeTimeout(settings.idleTimeout())
                .callTimeout(Duration.ZERO)
                .retryOnConnectionFailure(false)
                .build();
    }

    ProviderSettings settings() {
        return settings;
    }

    /** Releases the connection pool and threads (server shutdown). */
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    <T> T stream(String provider, Request request, Redactor redactor, CancelToken cancel, StreamListener listener,
                 StreamHandler<T> handler) throws ModelException, InterruptedException {
        Gate gate = gates.computeIfAbsent(provider, ignored -> new Gate(settings.maxConcurrent()));
        int attempts = settings.maxAttempts();
        for (int attempt = 1; ; attempt++) {
            gate.awaitOpen(cancel);
            gate.acquire(cancel);
            long started = System.nanoTime();
            Failure failure;
            try {
                failure = attemptOnce(provider, request, redactor, cancel, handler);
                if (failure == null) {
                    return handler.result();
                }
            } finally {
                gate.permits.release();
            }
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (!failure.retryable || attempt >= attempts) {
                String suffix = failure.retryable && attempts > 1 ? "; gave up after " + attempts + " attempts" : "";
                throw new ModelException(failure.kind, failure.message + suffix);
            }
            long waitMs = failure.retryAfterMs >= 0
                    ? failure.retryAfterMs + jitter(Math.min(1000, failure.retryAfterMs / 10 + 1))
                    : backoff(attempt);
            if (waitMs > settings.maxRetryWait().toMillis()) {
                throw new ModelException(failure.kind, failure.message + "; the provider asked to wait "
                        + Duration.ofMillis(waitMs).toSeconds() + "s, more than the limit of "
                        + settings.maxRetryWait().toSeconds() + "s");
            }
            if (failure.retryAfterMs >= 0) {
                gate.blockFor(waitMs);
            }
            LOGGER.warn("provider call failed provider={} attempt={} kind={} retry_in_ms={}", provider, attempt,
                    failure.kind, waitMs);
            listener.onAttemptFailed(attempt, failure.message, elapsedMs);
            sleep(waitMs, cancel);
        }
    }

    private <T> Failure attemptOnce(String provider, Request request, Redactor redactor, CancelToken cancel,
                                    StreamHandler<T> handler) throws ModelException, InterruptedException {
        Call call = client.newCall(request);
        try (CancelToken.Registration ignored = cancel.onCancel(call::cancel)) {
            Response response;
            try {
                response = call.execute();
            } catch (IOException e) {
                throwIfCancelled(cancel);
                return connectFailure(provider, request, e);
            }
            try (response) {
                if (!response.isSuccessful()) {
                    return statusFailure(provider, response, redactor);
                }
                try {
                    handler.read(response);
                    return null;
                } catch (IOException e) {
                    throwIfCancelled(cancel);
                    String partial = handler.partialText();
                    if (e instanceof SocketTimeoutException) {
                        throw new ModelException(Kind.TIMEOUT, provider + " sent nothing for "
                                + settings.idleTimeout().toSeconds() + "s in the middle of its answer (idle timeout)"
                                + keptNote(partial), partial, null);
                    }
                    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    throw new ModelException(Kind.NETWORK, "the stream from " + provider + " broke off ("
                            + redactor.redact(why) + ")" + keptNote(partial), partial, null);
                }
            }
        }
    }

    static String keptNote(String partial) {
        return partial.isEmpty() ? "" : "; the " + partial.length() + " characters received before are kept";
    }

    private Failure connectFailure(String provider, Request request, IOException e) {
        String where = request.url().host() + ":" + request.url().port();
        if (e instanceof ConnectException || (e instanceof SocketTimeoutException
                && String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("connect"))) {
            return new Failure(Kind.NETWORK, "could not connect to " + provider + " at " + where + " within "
                    + settings.connectTimeout().toSeconds() + "s (connect timeout or refused)", true, -1);
        }
        if (e instanceof SocketTimeoutException) {
            return new Failure(Kind.TIMEOUT, provider + " accepted the connection but sent no response for "
                    + settings.idleTimeout().toSeconds() + "s (idle timeout)", true, -1);
        }
        return new Failure(Kind.NETWORK, "could not reach " + provider + " at " + where + ": "
                + e.getClass().getSimpleName(), true, -1);
    }

    private static Failure statusFailure(String provider, Response response, Redactor redactor) {
        int code = response.code();
        String detail = redactor.redact(errorMessage(response.body()));
        String base = provider + " answered HTTP " + code;
        return switch (code) {
            case 429 -> new Failure(Kind.RATE_LIMITED, base + " (rate limited)" + detail, true,
                    retryAfterMillis(response));
            case 529 -> new Failure(Kind.RATE_LIMITED, base + " (overloaded)" + detail, true,
                    retryAfterMillis(response));
            case 401, 403 -> new Failure(Kind.AUTH, base + " (the API key was refused; check it in Settings or "
                    + "the environment)" + detail, false, -1);
            case 408, 500, 502, 503, 504 -> new Failure(Kind.PROVIDER, base + detail, true,
                    retryAfterMillis(response));
            default -> new Failure(Kind.PROVIDER, base + detail, false, -1);
        };
    }

    private static String errorMessage(ResponseBody body) {
        try {
            body.source().request(MAX_ERROR_BODY_BYTES);
            String text = body.source().getBuffer().readUtf8(Math.min(MAX_ERROR_BODY_BYTES,
                    body.source().getBuffer().size()));
            if (text.isBlank()) {
                return "";
            }
            try {
                JsonNode node = JSON.readTree(text);
                JsonNode message = node.path("error").path("message");
                if (message.isTextual()) {
                    return ": " + message.asText();
                }
                if (node.path("error").isTextual()) {
                    return ": " + node.path("error").asText();
                }
            } catch (IOException ignored) {
                // not JSON: show the start of the text
            }
            String line = text.strip().replaceAll("\\s+", " ");
            return ": " + (line.length() > 300 ? line.substring(0, 300) + "…" : line);
        } catch (IOException e) {
            return "";
        }
    }

    /** Milliseconds from {@code retry-after-ms} or {@code Retry-After} (seconds or an HTTP date); -1 if absent. */
    static long retryAfterMillis(Response response) {
        String millis = response.header("retry-after-ms");
        if (millis != null) {
            try {
                return Math.max(0, (long) Double.parseDouble(millis.strip()));
            } catch (NumberFormatException ignored) {
                // fall back to Retry-After
            }
        }
        String value = response.header("Retry-After");
        if (value == null || value.isBlank()) {
            return -1;
        }
        try {
            return Math.max(0, (long) (Double.parseDouble(value.strip()) * 1000));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, when.toInstant().toEpochMilli() - System.currentTimeMillis());
            } catch (RuntimeException unparsable) {
                return -1;
            }
        }
    }

    private long backoff(int attempt) {
        long base = settings.backoffBase().toMillis() << Math.min(attempt - 1, 10);
        return base / 2 + jitter(base);
    }

    private static long jitter(long bound) {
        return bound <= 0 ? 0 : ThreadLocalRandom.current().nextLong(bound);
    }

    private static void throwIfCancelled(CancelToken cancel) throws InterruptedException {
        if (cancel.isCancelled() || Thread.interrupted()) {
            throw new InterruptedException("model call cancelled");
        }
    }

    static void sleep(long millis, CancelToken cancel) throws InterruptedException {
        if (millis <= 0) {
            throwIfCancelled(cancel);
            return;
        }
        CountDownLatch fired = new CountDownLatch(1);
        try (CancelToken.Registration ignored = cancel.onCancel(fired::countDown)) {
            fired.await(millis, TimeUnit.MILLISECONDS);
        }
        throwIfCancelled(cancel);
    }

    /** Why one attempt failed before any of the answer was streamed. */
    private record Failure(Kind kind, String message, boolean retryable, long retryAfterMs) {
    }

    /** The per-provider limiter: calls in flight, and a pause every caller honours after a 429. */
    private static final class Gate {
        private final Semaphore permits;
        private final AtomicLong blockedUntil = new AtomicLong();

        Gate(int permits) {
            this.permits = new Semaphore(permits, true);
        }

        void blockFor(long millis) {
            long until = System.currentTimeMillis() + millis;
            blockedUntil.accumulateAndGet(until, Math::max);
        }

        void awaitOpen(CancelToken cancel) throws InterruptedException {
            long wait = blockedUntil.get() - System.currentTimeMillis();
            if (wait > 0) {
                sleep(wait, cancel);
            }
        }

        void acquire(CancelToken cancel) throws InterruptedException {
            while (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                throwIfCancelled(cancel);
            }
            if (cancel.isCancelled()) {
                permits.release();
                throwIfCancelled(cancel);
            }
        }
    }
}
