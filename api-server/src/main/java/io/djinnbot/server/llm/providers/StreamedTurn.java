package io.djinnbot.server.llm.providers;

import io.djinnbot.server.llm.ModelTurn;
import io.djinnbot.server.llm.StreamListener;

/**
 * What every provider's stream reader shares: the text and reasoning streamed so far, passed on to the
 * listener as they arrive, and the finished turn. One instance reads one answer, on one thread.
 */
abstract class StreamedTurn implements ProviderHttp.StreamHandler<ModelTurn> {
    private final StreamListener listener;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private ModelTurn result;

    StreamedTurn(StreamListener listener) {
        this.listener = listener;
    }

    @Override
    public final String partialText() {
        return text.toString();
    }

    @Override
    public final ModelTurn result() {
        return result;
    }

    /** Keeps and forwards a chunk of answer text; empty chunks are dropped. */
    final void emitText(String chunk) {
        if (!chunk.isEmpty()) {
            text.append(chunk);
            listener.onText(chunk);
        }
    }

    /** Keeps and forwards a chunk of reasoning; empty chunks are dropped. */
    final void emitThinking(String chunk) {
        if (!chunk.isEmpty()) {
            thinking.append(chunk);
            listener.onThinking(chunk);
        }
    }

    final String text() {
        return text.toString();
    }

    final String thinking() {
        return thinking.toString();
    }

    /** Records the finished turn. */
    final void finish(ModelTurn turn) {
        result = turn;
    }
}
