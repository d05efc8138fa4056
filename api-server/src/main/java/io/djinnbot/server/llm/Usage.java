package io.djinnbot.server.llm;

/**
 * Token usage of one model call. Input and output are null when the provider never said: unknown,
 * not zero.
 */
public record Usage(Long inputTokens, Long outputTokens, long cacheRead, long cacheWrite) {

    public Usage {
        if (inputTokens != null && inputTokens < 0) {
            throw new IllegalArgumentException("inputTokens must not be negative, was " + inputTokens);
        }
        if (outputTokens != null && outputTokens < 0) {
            throw new IllegalArgumentException("outputTokens must not be negative, was " + outputTokens);
        }
        if (cacheRead < 0 || cacheWrite < 0) {
            throw new IllegalArgumentException(
                    "cache tokens must not be negative, were read=" + cacheRead + " write=" + cacheWrite);
        }
    }

    public static Usage unknown() {
        return new Usage(null, null, 0, 0);
    }
}
