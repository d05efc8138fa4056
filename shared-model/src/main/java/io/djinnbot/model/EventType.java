package io.djinnbot.model;

/**
 * The names of the events on {@code /v1/events/stream}. A client ignores names it does not know.
 */
public final class EventType {
    public static final String RUN_CREATED = "run_created";
    public static final String RUN_COMPLETE = "run_complete";
    public static final String RUN_FAILED = "run_failed";
    public static final String RUN_CANCELLED = "run_cancelled";
    public static final String RUN_RESTARTED = "run_restarted";
    public static final String RUN_DELETED = "run_deleted";
    public static final String STEP_QUEUED = "step_queued";
    public static final String STEP_STARTED = "step_started";
    public static final String STEP_COMPLETE = "step_complete";
    public static final String STEP_FAILED = "step_failed";
    public static final String STEP_RETRYING = "step_retrying";
    public static final String STEP_CANCELLED = "step_cancelled";
    public static final String AGENT_OUTPUT = "agent_output";
    public static final String AGENT_THINKING = "agent_thinking";
    public static final String TOOL_CALL_START = "tool_call_start";
    public static final String TOOL_CALL_END = "tool_call_end";
    public static final String FILE_CHANGED = "file_changed";
    public static final String LLM_CALL = "llm_call";
    public static final String AGENT_MESSAGE = "agent_message";
    public static final String ACTIVITY = "activity";

    private EventType() {
    }
}
