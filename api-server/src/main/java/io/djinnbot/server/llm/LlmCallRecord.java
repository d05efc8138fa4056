package io.djinnbot.server.llm;

/**
 * One model call, as stored in {@code llm_calls} and sent as the {@code llm_call} event. Token
 * counts are null when the provider never reported them (a stream cut off): unknown, not zero.
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
        String error) {

    /** Input plus output tokens, or null when either is unknown. */
    public Long totalTokens() {
        if (inputTokens == null || outputTokens == null) {
            return null;
        }
        return inputTokens + outputTokens;
    }
}
