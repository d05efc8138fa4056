package io.djinnbot.console.app;

import java.io.IOException;

import io.djinnbot.console.client.ApiException;

/** Turns failures into the short sentences users see; the stack goes to the log, never to the screen. */
public final class Messages {
    private Messages() {
    }

    /** A plain sentence for a failed call, e.g. "Could not load the runs: the server does not answer." */
    public static String failure(String action, Exception failure) {
        return "Could not " + action + ": " + reason(failure);
    }

    /** Why a call failed, in a few words. */
    public static String reason(Exception failure) {
        if (failure instanceof ApiException api) {
            return sentence(api.error().detail());
        }
        if (failure instanceof IOException) {
            return "the server does not answer.";
        }
        return "an unexpected error (see the log).";
    }

    private static String sentence(String text) {
        String trimmed = text.strip();
        return trimmed.endsWith(".") ? trimmed : trimmed + ".";
    }
}
