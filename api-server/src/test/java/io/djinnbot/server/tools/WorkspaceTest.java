package io.djinnbot.server.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
    @TempDir
    Path dir;

    @Test
    void relativePathResolvesInsideRoot() throws Exception {
        Workspace workspace = new Workspace(dir.resolve("ws"));

        Path resolved = workspace.resolve("docs/spec.md");

        assertThat(resolved).isEqualTo(dir.resolve("ws").toRealPath().resolve("docs/spec.md"));
        assertThat(workspace.relativize(resolved)).isEqualTo("docs/spec.md");
    }

    @Test
    void dotDotEscapeIsRejectedNamingThePath() {
        Workspace workspace = new Workspace(dir.resolve("ws"));

        assertThatThrownBy(() -> workspace.resolve("docs/../../secret.txt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("docs/../../secret.txt")
                .hasMessageContaining("outside the workspace");
    }

    @Test
    void absolutePathOutsideRootIsRejected() {
        Workspace workspace = new Workspace(dir.resolve("ws"));

        assertThatThrownBy(() -> workspace.resolve("/etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/etc/passwd");
    }

    @Test
    void absolutePathInsideRootIsAccepted() {
        Workspace workspace = new Workspace(dir.resolve("ws"));
        String inside = workspace.root().resolve("a/b.txt").toString();

        assertThat(workspace.resolve(inside)).isEqualTo(workspace.root().resolve("a/b.txt"));
    }

    @Test
    void symlinkPointingOutsideIsRejectedForItselfAndBelow() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Workspace workspace = new Workspace(dir.resolve("ws"));
        Files.createSymbolicLink(workspace.root().resolve("link"), outside);

        assertThatThrownBy(() -> workspace.resolve("link"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> workspace.resolve("link/new/file.txt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("link/new/file.txt");
    }

    @Test
    void danglingSymlinkIsRejected() throws Exception {
        Workspace workspace = new Workspace(dir.resolve("ws"));
        Files.createSymbolicLink(workspace.root().resolve("dangling"), dir.resolve("nowhere/file.txt"));

        assertThatThrownBy(() -> workspace.resolve("dangling"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dangling");
    }

    @Test
    void symlinkStayingInsideIsAccepted() throws Exception {
        Workspace workspace = new Workspace(dir.resolve("ws"));
        Files.createDirectories(workspace.root().resolve("real"));
        Files.createSymbolicLink(workspace.root().resolve("alias"), workspace.root().resolve("real"));

        assertThat(workspace.resolve("alias/x.txt")).isEqualTo(workspace.root().resolve("alias/x.txt"));
    }
}
