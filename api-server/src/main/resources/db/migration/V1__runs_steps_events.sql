-- Runs, their steps, the event log and the model-call log.
-- Timestamps are epoch milliseconds; JSON lives in TEXT columns.

CREATE TABLE runs (
    id               TEXT PRIMARY KEY,
    pipeline_id      TEXT    NOT NULL,
    project_id       TEXT,
    project_name     TEXT,
    task_description TEXT    NOT NULL,
    human_context    TEXT,
    model_override   TEXT,
    status           TEXT    NOT NULL,
    current_step_id  TEXT,
    outputs          TEXT    NOT NULL DEFAULT '{}',
    cursor_state     TEXT    NOT NULL DEFAULT '{}',
    error            TEXT,
    workspace        TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    started_at       INTEGER,
    completed_at     INTEGER
);
CREATE INDEX runs_created ON runs (created_at DESC);
CREATE INDEX runs_status ON runs (status);
CREATE INDEX runs_pipeline ON runs (pipeline_id);

CREATE TABLE steps (
    run_id        TEXT    NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step_id       TEXT    NOT NULL,
    position      INTEGER NOT NULL,
    agent_id      TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    attempt       INTEGER NOT NULL DEFAULT 0,
    max_retries   INTEGER NOT NULL DEFAULT 0,
    iterations    INTEGER NOT NULL DEFAULT 0,
    input         TEXT,
    outputs       TEXT    NOT NULL DEFAULT '{}',
    output_text   TEXT    NOT NULL DEFAULT '',
    thinking_text TEXT    NOT NULL DEFAULT '',
    error         TEXT,
    model_used    TEXT,
    human_context TEXT,
    started_at    INTEGER,
    completed_at  INTEGER,
    duration_ms   INTEGER,
    PRIMARY KEY (run_id, step_id)
);

CREATE TABLE events (
    seq        INTEGER PRIMARY KEY,
    run_id     TEXT,
    type       TEXT    NOT NULL,
    payload    TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX events_run ON events (run_id, seq);

CREATE TABLE llm_calls (
    id                 TEXT PRIMARY KEY,
    run_id             TEXT,
    step_id            TEXT,
    agent_id           TEXT,
    provider           TEXT    NOT NULL,
    model              TEXT    NOT NULL,
    input_tokens       INTEGER,
    output_tokens      INTEGER,
    cache_read_tokens  INTEGER NOT NULL DEFAULT 0,
    cache_write_tokens INTEGER NOT NULL DEFAULT 0,
    total_tokens       INTEGER,
    cost_input         REAL    NOT NULL DEFAULT 0,
    cost_output        REAL    NOT NULL DEFAULT 0,
    cost_total         REAL    NOT NULL DEFAULT 0,
    cost_approximate   INTEGER NOT NULL DEFAULT 0,
    duration_ms        INTEGER NOT NULL DEFAULT 0,
    tool_call_count    INTEGER NOT NULL DEFAULT 0,
    has_thinking       INTEGER NOT NULL DEFAULT 0,
    stop_reason        TEXT,
    truncated          INTEGER NOT NULL DEFAULT 0,
    error              TEXT,
    created_at         INTEGER NOT NULL
);
CREATE INDEX llm_calls_run ON llm_calls (run_id);
CREATE INDEX llm_calls_created ON llm_calls (created_at);
