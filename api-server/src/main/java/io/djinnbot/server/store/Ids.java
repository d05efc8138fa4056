package io.djinnbot.server.store;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Ids as the API writes them: a prefix and 12 lower-case hex characters ({@code run_3f9a0c2b7d1e}). */
public final class Ids {
    private Ids() {
    }

    public static String next(String prefix) {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}
