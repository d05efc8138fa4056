package io.djinnbot.server.llm.providers;

import java.time.Duration;
import java.util.Map;

/**
 * How provider calls behave. {@code env} is where keys and base URLs are read from: the process
 * environment in production, a map in tests (the process environment is never changed).
 *
 * @param connectTimeout     how long to wait for the TCP/TLS connection
 * @param idleTimeout        how long the provider may stay silent, before its headers or between chunks
 * @param maxAttempts        HTTP attempts per model call on 429, 5xx and connection failures (at least 1)
 * @param backoffBase        first pause between attempts when the provider does not say how long
 * @param maxRetryWait       the longest single pause; a provider asking for more fails the call at once
 * @param maxConcurrent      calls in flight per provider
 */
public record ProviderSettings(Map<String, String> env, Duration connectTimeout, Duration idleTimeout,
                               int maxAttempts, Duration backoffBase, Duration maxRetryWait, int maxConcurrent) {
    public ProviderSettings {
        env = Map.copyOf(env);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1, was " + maxConcurrent);
        }
    }

    /** Defaults over the given environment. */
    public static ProviderSettings defaults(Map<String, String> env) {
        return new ProviderSettings(env, Duration.ofSeconds(10), Duration.ofSeconds(120), 4, Duration.ofSeconds(1),
                Duration.ofSeconds(60), 4);
    }

    /** A non-blank environment value, or null. */
    public String env(String name) {
        if (name == null) {
            return null;
        }
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
