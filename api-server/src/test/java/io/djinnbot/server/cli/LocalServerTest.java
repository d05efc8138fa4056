package io.djinnbot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalServerTest {
    private static final Path LAUNCHER = Path.of("/opt/djinnbot/bin/djinnbot");

    @TempDir
    Path javaHome;

    @Test
    void javaOfTheRuntimeIsPreferredOverTheBundleLauncher() throws IOException {
        Path java = executable(javaHome.resolve("bin").resolve("java"));

        List<String> command = LocalServer.serverCommand("classpath:config.yml", Map.of(),
                new LocalServer.JvmFacts(javaHome, Optional.of(LAUNCHER), "/opt/djinnbot/lib/app/api-server.jar",
                        Optional.empty()));

        assertThat(command.getFirst()).isEqualTo(java.toString());
        assertThat(command).doesNotContain(LAUNCHER.toString());
        assertThat(command.subList(command.size() - 5, command.size())).containsExactly(
                "-cp", "/opt/djinnbot/lib/app/api-server.jar", "io.djinnbot.server.Main", "server",
                "classpath:config.yml");
    }

    @Test
    void runningExecutableIsUsedWhenTheRuntimeHasNoJava() {
        Path runningJava = Path.of("/usr/lib/jvm/some-jdk/bin/java");

        Path chosen = LocalServer.javaExecutable(
                new LocalServer.JvmFacts(javaHome, Optional.of(runningJava), "app.jar", Optional.empty()));

        assertThat(chosen).isEqualTo(runningJava);
    }

    @Test
    void cacheDirectoryGivesTheServerItsOwnArchive() throws IOException {
        executable(javaHome.resolve("bin").resolve("java"));
        Path cache = javaHome.resolve("cache");

        List<String> command = LocalServer.serverCommand("config.yml", Map.of(),
                new LocalServer.JvmFacts(javaHome, Optional.empty(), "app.jar", Optional.of(cache)));

        assertThat(command).contains("-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + cache.resolve("djinnbot-server.jsa"));
    }

    @Test
    void withoutCacheDirectoryNoArchiveIsRequested() throws IOException {
        executable(javaHome.resolve("bin").resolve("java"));

        List<String> command = LocalServer.serverCommand("config.yml", Map.of(),
                new LocalServer.JvmFacts(javaHome, Optional.empty(), "app.jar", Optional.empty()));

        assertThat(command).noneMatch(argument -> argument.contains("SharedArchive"));
    }

    @Test
    void commandForThisJvmStartsItsOwnJava() {
        List<String> command = LocalServer.serverCommand("config.yml", Map.of());

        assertThat(command.getFirst())
                .isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        assertThat(command).contains(System.getProperty("java.class.path"));
    }

    private static Path executable(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
