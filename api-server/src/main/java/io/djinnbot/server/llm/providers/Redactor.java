package io.djinnbot.server.llm.providers;

import io.djinnbot.server.settings.KeyMasks;

/** Replaces a key wherever a provider's message repeats it, so it never reaches logs, events or errors. */
record Redactor(String key) {
    String redact(String text) {
        if (text == null || key == null || key.length() < 4) {
            return text;
        }
        return text.replace(key, KeyMasks.source(key));
    }
}
