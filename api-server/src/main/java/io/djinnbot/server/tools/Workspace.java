package io.djinnbot.server.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The folder an agent may touch. Every path a tool receives goes through {@link #resolve}, which
 * refuses anything that would land outside the root: {@code ..} escapes, absolute paths elsewhere
 * and symbolic links pointing out. Immutable and thread-safe.
 */
public final class Workspace {
    private final Path root;

    /** Opens (and creates when missing) a workspace rooted at {@code root}. */
    public Workspace(Path root) {
        try {
            Files.createDirectories(root);
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open workspace " + root, e);
        }
    }

    public Path root() {
        return root;
    }

    /**
     * Resolves a path given by an agent. Null or blank means the root.
     *
     * @throws IllegalArgumentException when the path leaves the workspace; the message names it
     */
    public Path resolve(String relative) {
        if (relative == null || relative.isBlank()) {
            return root;
        }
        Path candidate;
        try {
            candidate = root.resolve(relative.strip()).normalize();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("path '" + relative + "' is not a valid path", e);
        }
        if (!candidate.startsWith(root)) {
            throw new IllegalArgumentException("path '" + relative + "' is outside the workspace");
        }
        Path existing = candidate;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new IllegalArgumentException("path '" + relative + "' is outside the workspace");
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("path '" + relative + "' goes through a broken symbolic link", e);
        }
        if (!real.startsWith(root)) {
            throw new IllegalArgumentException(
                    "path '" + relative + "' is outside the workspace (a symbolic link points out of it)");
        }
        return candidate;
    }

    /** The path relative to the root, with forward slashes; {@code .} for the root itself. */
    public String relativize(Path path) {
        Path relative = root.relativize(path.toAbsolutePath().normalize());
        String text = relative.toString().replace('\\', '/');
        return text.isEmpty() ? "." : text;
    }
}
