package io.djinnbot.server.tools;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Walks a folder of the workspace in name order, skipping VCS and dependency folders. */
final class FileWalk {
    private static final Set<String> SKIPPED = Set.of(".git", "node_modules", ".venv", "__pycache__");

    private FileWalk() {
    }

    /** Files and folders below {@code start} (not {@code start} itself), sorted by relative path. */
    static List<Path> below(Path start, boolean includeFolders) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(start)) {
                    if (SKIPPED.contains(dir.getFileName().toString())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (includeFolders) {
                        found.add(dir);
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(null);
        return found;
    }

    /**
     * A glob matcher: a pattern with a slash matches the path relative to the search folder, one
     * without matches the file name alone.
     */
    static Matcher glob(String pattern) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        boolean onPath = pattern.contains("/");
        return (start, path) -> matcher.matches(onPath ? start.relativize(path) : path.getFileName());
    }

    /** Decides whether a path found below a start folder is wanted. */
    @FunctionalInterface
    interface Matcher {
        boolean matches(Path start, Path path);
    }
}
