package io.djinnbot.server.llm;

/** Receives the chunks of a model answer while it streams. Called on the calling thread. */
public interface StreamListener {
    void onText(String chunk);

    void onThinking(String chunk);

    /**
     * One HTTP attempt of this call failed before anything was streamed (429, 5xx, no connection) and the
     * client will try again; the runtime records each such attempt.
     */
    default void onAttemptFailed(int attempt, String error, long durationMs) {
    }

    /** A listener that drops everything. */
    static StreamListener ignoring() {
        return new StreamListener() {
            @Override
            public void onText(String chunk) {
            }

            @Override
            public void onThinking(String chunk) {
            }
        };
    }
}
