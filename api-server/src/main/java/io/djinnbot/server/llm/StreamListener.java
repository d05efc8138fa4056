package io.djinnbot.server.llm;

/** Receives the chunks of a model answer while it streams. Called on the calling thread. */
public interface StreamListener {
    void onText(String chunk);

    void onThinking(String chunk);

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
