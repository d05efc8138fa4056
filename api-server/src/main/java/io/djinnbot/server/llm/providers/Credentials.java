package io.djinnbot.server.llm.providers;

/**
 * The key and endpoint a model call uses. {@link #toString()} never shows the key.
 *
 * @param apiKey    the key, or null for servers that need none
 * @param keySource {@code personal} (the user's own key) or {@code instance} (settings or environment)
 */
record Credentials(String apiKey, String baseUrl, String keySource, String keyMasked) {
    Redactor redactor() {
        return new Redactor(apiKey);
    }

    @Override
    public String toString() {
        return "Credentials[baseUrl=" + baseUrl + ", keySource=" + keySource + ", key=" + keyMasked + "]";
    }
}
