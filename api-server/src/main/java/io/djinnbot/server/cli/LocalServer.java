package io.djinnbot.server.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server process started by the command line for the length of one command. It runs in its own session (through
 * {@code setsid} where that exists) so that Ctrl-C in the terminal reaches only the command line, which then
 * cancels the run and stops the server itself. Its output goes to a log file. Thread-safe.
 */
public final class LocalServer {
    private static final Logger LOGGER = LoggerFactory.getLogger(LocalServer.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final int LOG_TAIL_LINES = 30;
    /** File name of the spawned server's class-data archive inside the cache directory. */
    static final String SERVER_ARCHIVE = "djinnbot-server.jsa";

    private final Process process;
    private final Path logFile;
    private boolean stopped;

    private LocalServer(Process process, Path logFile) {
        this.process = process;
        this.logFile = logFile;
    }

    /** Starts {@code command} with its output appended to {@code logFile}. */
    public static LocalServer start(List<String> command, Path logFile, Map<String, String> extraEnv)
            throws IOException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(extraEnv);
        Process process = builder.start();
        LOGGER.debug("server process started pid={} command={}", process.pid(), command);
        return new LocalServer(process, logFile);
    }

    /**
     * The command that runs this program's server in a fresh JVM: the running JVM's {@code java}, the same class
     * path, {@code server CONFIG}, in its own session when {@code setsid} is available.
     */
    public static List<String> serverCommand(String configPath, Map<String, String> env) {
        return serverCommand(configPath, env, new JvmFacts(Path.of(System.getProperty("java.home")),
                ProcessHandle.current().info().command().map(Path::of),
                System.getProperty("java.class.path"),
                CacheDir.prepare(System.getProperty(CacheDir.PROPERTY))));
    }

    /**
     * What {@link #serverCommand(String, Map)} needs to know about the running JVM.
     *
     * @param javaHome  the JVM's {@code java.home}
     * @param command   the running process's executable, when known
     * @param classPath the JVM's class path
     * @param cacheDir  where class-data archives may be written (set by the installed bundle), if anywhere
     */
    record JvmFacts(Path javaHome, Optional<Path> command, String classPath, Optional<Path> cacheDir) {
    }

    static List<String> serverCommand(String configPath, Map<String, String> env, JvmFacts jvm) {
        List<String> command = new ArrayList<>();
        findOnPath("setsid", env).ifPresent(setsid -> command.add(setsid.toString()));
        command.add(javaExecutable(jvm).toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-XX:+UseSerialGC");
        // In the bundle the server keeps its own class-data archive beside the launcher's: the classes a server
        // loads differ from those of the command line, and two JVMs must not write the same archive file.
        jvm.cacheDir().ifPresent(dir -> {
            command.add("-XX:+AutoCreateSharedArchive");
            command.add("-XX:SharedArchiveFile=" + dir.resolve(SERVER_ARCHIVE));
            command.add("-Xlog:cds*=off,aot*=off");
        });
        command.add("-cp");
        command.add(jvm.classPath());
        command.add("io.djinnbot.server.Main");
        command.add("server");
        command.add(configPath);
        return command;
    }

    /**
     * The {@code java} to start. Inside a jpackage bundle the running executable is the launcher (for example
     * {@code bin/djinnbot}), which does not accept JVM options, so {@code java.home/bin/java} comes first; the
     * process's own executable is the fallback for runtimes without a {@code bin/java}.
     */
    static Path javaExecutable(JvmFacts jvm) {
        Path java = jvm.javaHome().resolve("bin").resolve("java");
        if (Files.isRegularFile(java) && Files.isExecutable(java)) {
            return java;
        }
        return jvm.command().orElse(Path.of("java"));
    }

    static Optional<Path> findOnPath(String program, Map<String, String> env) {
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Waits until {@code isUp} holds. Fails early when the process exits.
     *
     * @throws ServerStartException when the server died or did not answer in time; the message ends with the log
     *                              tail
     */
    public void awaitReady(BooleanSupplier isUp, Duration timeout) throws ServerStartException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (isUp.getAsBoolean()) {
                return;
            }
            if (!process.isAlive()) {
                throw new ServerStartException("the server exited with code " + process.exitValue()
                        + " before it answered", logTail());
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        throw new ServerStartException("the server did not answer within " + timeout.toSeconds() + " s", logTail());
    }

    /** Stops the server: SIGTERM, up to 10 s to finish, then a forced kill. Does nothing the second time. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        process.toHandle().descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOGGER.warn("server did not stop in time, killing it pid={}", process.pid());
                process.destroyForcibly();
                process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** The last lines of the server log. */
    public List<String> logTail() {
        try {
            List<String> lines = new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).lines().toList();
            return List.copyOf(lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException unreadable) {
            return List.of("(the log " + logFile + " cannot be read: " + unreadable.getMessage() + ")");
        }
    }
}
