package io.djinnbot.server.settings;

/** The original's three ways of showing a secret without revealing it. */
public final class KeyMasks {
    private KeyMasks() {
    }

    /**
     * Provider keys in settings lists: first 8, {@code ...}, last 4, as the original shows them; a key too short
     * for that to hide at least half of it is masked like any other secret.
     */
    public static String provider(String key) {
        if (key == null || key.isEmpty()) {
            return null;
        }
        if (key.length() < 24) {
            return secret(key);
        }
        return key.substring(0, 8) + "..." + key.substring(key.length() - 4);
    }

    /**
     * Keys named in call records and {@code key_sources}: under 8 characters {@code ****}; else the prefix
     * up to and including a {@code -} within the first 8 characters (else the first 4), {@code ...}, last 4.
     */
    public static String source(String key) {
        if (key == null || key.isEmpty()) {
            return null;
        }
        if (key.length() < 8) {
            return "****";
        }
        if (key.length() < 16) {
            return secret(key);
        }
        int dash = key.substring(0, 8).indexOf('-');
        String prefix = dash >= 0 ? key.substring(0, dash + 1) : key.substring(0, 4);
        return prefix + "..." + key.substring(key.length() - 4);
    }

    /** Other secrets: under 8 characters {@code ***}; else first min(8, n/3), {@code ...}, last min(4, n/4). */
    public static String secret(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        int length = value.length();
        if (length < 8) {
            return "***";
        }
        return value.substring(0, Math.min(8, length / 3)) + "..." + value.substring(length - Math.min(4, length / 4));
    }
}
