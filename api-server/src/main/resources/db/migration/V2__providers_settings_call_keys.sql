-- Global settings, provider keys (encrypted, AES-GCM) and which key served each model call.

CREATE TABLE global_settings (
    key        TEXT PRIMARY KEY,
    value      TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
);

-- scope 'instance': keys set in Settings -> Providers; scope 'user': the local user's own keys.
CREATE TABLE provider_keys (
    scope         TEXT    NOT NULL,
    provider_id   TEXT    NOT NULL,
    enabled       INTEGER NOT NULL DEFAULT 1,
    api_key       TEXT,
    extra_config  TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (scope, provider_id)
);

ALTER TABLE llm_calls ADD COLUMN key_source TEXT;
ALTER TABLE llm_calls ADD COLUMN key_masked TEXT;
ALTER TABLE llm_calls ADD COLUMN attempt INTEGER NOT NULL DEFAULT 1;
CREATE INDEX llm_calls_agent ON llm_calls (agent_id);
CREATE INDEX llm_calls_provider ON llm_calls (provider);

ALTER TABLE steps ADD COLUMN truncated INTEGER NOT NULL DEFAULT 0;
