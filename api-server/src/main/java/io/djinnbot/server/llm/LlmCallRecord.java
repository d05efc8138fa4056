package io.djinnbot.server.llm;

/**
 * One model call, as stored in {@code llm_calls} and sent as the {@code llm_call} event. Token
 * counts are null when the provider never reported them (a stream cut off): unknown, not zero.
 *
 * @param keySource {@code personal} or {@code instance}, null when no key was used
 * @param keyMasked the key as the original masks it in call records, never the key itself
 * @param attempt   which HTTP attempt of the model call this was (1 unless a 429 or 5xx was retried)
 */
public record LlmCallRecord(
        String provider,
        String model,
        Long inputTokens,
        Long outputTokens,
        long cacheReadTokens,
        long cacheWriteTokens,
        double costInput,
        double costOutput,
        double costTotal,
        boolean costApproximate,
        long durationMs,
        int toolCallCount,
        boolean hasThinking,
        String stopReason,
        boolean truncated,
        String error,
        String keySource,
        String keyMasked,
        int attempt) {

    public LlmCallRecord(String provider, String model, Long inputTokens, Long outputTokens, long cacheReadTokens,
                         long cacheWriteTokens, double costInput, double costOutput, double costTotal,
                         boolean costApproximate, long durationMs, int toolCallCount, boolean hasThinking,
                         String stopReason, boolean truncated, String error) {
        this(provider, model, inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, costInput, costOutput,
                costTotal, costApproximate, durationMs, toolCallCount, hasThinking, stopReason, truncated, error,
                null, null, 1);
    }

    /** Input plus output tokens, or null when either is unknown. */
    public Long totalTokens() {
        if (inputTokens == null || outputTokens == null) {
            return null;
        }
        return inputTokens + outputTokens;
    }
}
