package io.djinnbot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheDirTest {
    @TempDir
    Path home;

    @Test
    void missingDirectoryIsCreatedWithItsParents() {
        Path cache = home.resolve(".cache").resolve("djinnbot");

        assertThat(CacheDir.prepare(cache.toString())).contains(cache);
        assertThat(cache).isDirectory();
    }

    @Test
    void unsetPropertyPreparesNothing() {
        assertThat(CacheDir.prepare(null)).isEmpty();
        assertThat(CacheDir.prepare(" ")).isEmpty();
    }

    @Test
    void unexpandedVariableIsNotTakenAsAFolderName() {
        assertThat(CacheDir.prepare(home.resolve("$HOME").resolve(".cache").toString())).isEmpty();
        assertThat(home.resolve("$HOME")).doesNotExist();
    }

    @Test
    void fileInTheWayYieldsNoDirectory() throws IOException {
        Path blocker = Files.writeString(home.resolve(".cache"), "not a directory");

        assertThat(CacheDir.prepare(blocker.resolve("djinnbot").toString())).isEmpty();
    }
}
