package io.djinnbot.server.tools;

/** Told about each file a tool creates, modifies or deletes. */
@FunctionalInterface
public interface FileChangeListener {
    /**
     * @param path   relative to the workspace, with forward slashes
     * @param action {@code create}, {@code modify} or {@code delete}
     * @param size   the size in bytes after the change (0 for delete)
     */
    void fileChanged(String path, String action, long size);

    static FileChangeListener ignoring() {
        return (path, action, size) -> {
        };
    }
}
