package io.djinnbot.server.agents;

import io.djinnbot.server.llm.LlmCallRecord;

/**
 * What an agent reports while it works on one step. The engine binds an instance to a run, a step
 * and an agent, persists each report as an event and fans it out. Called from the step's thread.
 */
public interface StepEvents {
    /** A chunk of streamed answer text. */
    void output(String chunk);

    /** A chunk of streamed reasoning. */
    void thinking(String chunk);

    /** A tool call begins; {@code argsJson} is the JSON text of its arguments. */
    void toolStart(String toolCallId, String toolName, String argsJson);

    /** A tool call ended. */
    void toolEnd(String toolCallId, String toolName, String result, boolean isError, long durationMs);

    /** A file in the workspace was created, modified or deleted; {@code path} is relative to it. */
    void fileChanged(String path, String action, long size);

    /** One model call finished (successfully or not). */
    void llmCall(LlmCallRecord call);
}
