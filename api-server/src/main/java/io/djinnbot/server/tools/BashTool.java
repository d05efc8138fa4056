package io.djinnbot.server.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.djinnbot.server.engine.CancelToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bash {command, timeout?}}: runs {@code bash -c command} in the workspace with a minimal
 * environment that holds no credentials. Standard output and error are captured together; long
 * output keeps its head and its tail. On timeout, cancel or interrupt the whole process tree is
 * killed.
 */
public final class BashTool extends WorkspaceTool {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    static final int HEAD_CHARS = 20_000;
    static final int TAIL_CHARS = 20_000;
    private static final Logger LOGGER = LoggerFactory.getLogger(BashTool.class);
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(2);
    private static final List<String> PASSED_VARIABLES = List.of("PATH", "HOME", "LANG", "LC_ALL", "USER", "TMPDIR");

    @Override
    public String name() {
        return "bash";
    }

    @Override
    public String description() {
        return "Run a shell command with bash in the workspace folder. Output (stdout and stderr) and the exit "
                + "code are returned. timeout is in seconds (default 120).";
    }

    @Override
    public Map<String, Object> schema() {
        return Schemas.object(Schemas.properties(
                "command", Schemas.string("The command line to run"),
                "timeout", Schemas.integer("Timeout in seconds (default 120)")), "command");
    }

    @Override
    ToolResult execute(JsonNode args, ToolContext context) throws IOException, InterruptedException {
        String command = requiredText(args, "command");
        Integer seconds = optionalInt(args, "timeout");
        Duration timeout = seconds == null || seconds <= 0 ? DEFAULT_TIMEOUT : Duration.ofSeconds(seconds);
        if (timeout.compareTo(context.maxBashTimeout()) > 0) {
            timeout = context.maxBashTimeout();
        }
        CancelToken cancel = context.cancel();
        if (cancel.isCancelled()) {
            return ToolResult.error("command not started: the step was cancelled");
        }
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command)
                .directory(context.workspace().root().toFile())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment(context.workspace()));
        Process process = builder.start();
        process.getOutputStream().close();
        OutputCollector collector = new OutputCollector(process.getInputStream());
        Thread reader = Thread.ofVirtual().name("bash-output-" + process.pid()).start(collector);
        AtomicBoolean cancelled = new AtomicBoolean();
        boolean finished;
        try (CancelToken.Registration ignored = cancel.onCancel(() -> {
            cancelled.set(true);
            destroyTree(process);
        })) {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            destroyTree(process);
            process.getInputStream().close();
            throw e;
        }
        if (!finished) {
            destroyTree(process);
        }
        drain(process, reader);
        String output = collector.text();
        if (cancelled.get()) {
            return ToolResult.error(output + "\n[command cancelled; the process and its children were stopped]");
        }
        if (!finished) {
            LOGGER.debug("bash timed out seconds={}", timeout.toSeconds());
            return ToolResult.error(output + "\n[command timed out after " + timeout.toSeconds()
                    + " s; the process and its children were killed]");
        }
        int exit = process.exitValue();
        String body = output.isEmpty() ? "(no output)" : output;
        return new ToolResult(body + "\n[exit code " + exit + "]", exit != 0);
    }

    /** The variables a command sees: a short allow-list plus RUN_WORKSPACE; never a credential. */
    static Map<String, String> environment(Workspace workspace) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : PASSED_VARIABLES) {
            String value = System.getenv(name);
            if (value != null && !looksSecret(name)) {
                env.put(name, value);
            }
        }
        env.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.putIfAbsent("LANG", "C.UTF-8");
        env.put("TERM", "dumb");
        env.put("RUN_WORKSPACE", workspace.root().toString());
        return env;
    }

    private static boolean looksSecret(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.endsWith("_API_KEY") || upper.contains("TOKEN") || upper.contains("SECRET")
                || upper.contains("PASSWORD");
    }

    /** Kills a process and every descendant, including those started in the background. */
    static void destroyTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        for (ProcessHandle handle : descendants) {
            handle.descendants().forEach(ProcessHandle::destroyForcibly);
            handle.destroyForcibly();
        }
    }

    private static void drain(Process process, Thread reader) throws InterruptedException {
        process.waitFor(DRAIN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        reader.join(DRAIN_WAIT);
        if (reader.isAlive()) {
            // a detached grandchild can keep the pipe open; stop reading rather than wait for it
            try {
                process.getInputStream().close();
            } catch (IOException ignored) {
                // closing a pipe we no longer need
            }
            reader.join(DRAIN_WAIT);
        }
    }

    /** Reads a stream to its end, keeping the first and the last characters. Thread-safe. */
    static final class OutputCollector implements Runnable {
        private final InputStream input;
        private final StringBuilder head = new StringBuilder();
        private final StringBuilder tail = new StringBuilder();
        private long dropped;

        OutputCollector(InputStream input) {
            this.input = input;
        }

        @Override
        public void run() {
            char[] buffer = new char[4096];
            try (Reader reader = new InputStreamReader(input, StandardCharsets.UTF_8)) {
                for (int read = reader.read(buffer); read >= 0; read = reader.read(buffer)) {
                    append(buffer, read);
                }
            } catch (IOException ignored) {
                // the stream was closed under us: keep what arrived
            }
        }

        private synchronized void append(char[] buffer, int length) {
            int toHead = Math.min(length, HEAD_CHARS - head.length());
            head.append(buffer, 0, toHead);
            if (toHead < length) {
                tail.append(buffer, toHead, length - toHead);
                if (tail.length() > 2 * TAIL_CHARS) {
                    int cut = tail.length() - TAIL_CHARS;
                    dropped += cut;
                    tail.delete(0, cut);
                }
            }
        }

        synchronized String text() {
            int extra = Math.max(0, tail.length() - TAIL_CHARS);
            long omitted = dropped + extra;
            if (omitted == 0) {
                return head.toString() + tail;
            }
            return head + "\n[... " + omitted + " characters of output omitted ...]\n" + tail.substring(extra);
        }
    }
}
