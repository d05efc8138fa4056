package io.djinnbot.console.rundetail;

/** A file an agent created or changed in the run's workspace; the last change wins. */
public record FileItem(String path, String action, long size, String stepId) {
}
