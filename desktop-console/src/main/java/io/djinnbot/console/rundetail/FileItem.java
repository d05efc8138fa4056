package io.djinnbot.console.rundetail;

/**
 * A file in the run's workspace. The server's listing gives path and size; the run's events add what changed it
 * and in which step, the last change winning.
 *
 * @param action the last change seen in the events ("created", "modified"), or empty when only listed
 * @param size the size in bytes, or null when unknown
 * @param stepId the step of the last change, or null when only listed
 */
public record FileItem(String path, String action, Long size, String stepId) {
}
