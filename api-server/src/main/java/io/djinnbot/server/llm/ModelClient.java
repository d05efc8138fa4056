package io.djinnbot.server.llm;

import io.djinnbot.server.engine.CancelToken;

/**
 * One provider's way of answering a conversation. An implementation makes exactly one model call
 * per {@link #complete} and streams text and reasoning to the listener as they arrive.
 */
public interface ModelClient {
    /**
     * Sends the conversation and waits for the assistant's turn.
     *
     * @param listener receives text and thinking chunks as they are produced
     * @param cancel   fires when the step is cancelled or times out; the call must then stop at once
     * @throws ModelException       the provider failed; it carries the text streamed so far
     * @throws InterruptedException the thread was interrupted or the token fired
     */
    ModelTurn complete(ModelRequest request, StreamListener listener, CancelToken cancel)
            throws ModelException, InterruptedException;

    /** Where this client's key came from ({@code personal}, {@code instance}), or null when it needs none. */
    default String keySource() {
        return null;
    }

    /** The key, masked for display, or null. */
    default String keyMasked() {
        return null;
    }
}
