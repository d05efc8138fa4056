package io.djinnbot.server.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.djinnbot.server.engine.CancelToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BashToolTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ToolResult run(String command, Integer timeout, CancelToken cancel) throws Exception {
        Map<String, Object> args = timeout == null ? Map.of("command", command)
                : Map.of("command", command, "timeout", timeout);
        ToolContext context = new ToolContext(new Workspace(dir), cancel, null, Duration.ofSeconds(30));
        return new BashTool().run(JSON.valueToTree(args), context);
    }

    @Test
    void commandRunsInWorkspaceAndReportsOutputAndExitCode() throws Exception {
        ToolResult result = run("pwd; echo oops >&2; exit 3", null, new CancelToken());

        assertThat(result.isError()).isTrue();
        assertThat(result.content()).contains(dir.toRealPath().toString()).contains("oops").contains("[exit code 3]");
    }

    @Test
    void successfulCommandIsNotAnError() throws Exception {
        ToolResult result = run("echo hello > out.txt && cat out.txt", null, new CancelToken());

        assertThat(result.isError()).isFalse();
        assertThat(result.content()).isEqualTo("hello\n\n[exit code 0]");
    }

    @Test
    void environmentHasNoApiKeys() {
        Map<String, String> env = BashTool.environment(new Workspace(dir));

        assertThat(env.keySet()).noneMatch(name -> name.contains("API_KEY"));
        assertThat(env).containsKey("PATH").containsEntry("TERM", "dumb");
    }

    @Test
    void longOutputKeepsHeadAndTail() throws Exception {
        ToolResult result = run("seq 1 40000", null, new CancelToken());

        assertThat(result.content()).startsWith("1\n2\n").contains("characters of output omitted")
                .contains("\n40000\n");
        assertThat(result.content().length()).isLessThan(BashTool.HEAD_CHARS + BashTool.TAIL_CHARS + 200);
    }

    @Test
    void timeoutKillsTheWholeProcessTree() throws Exception {
        long started = System.nanoTime();

        ToolResult result = run("sleep 300 & echo $! > child.pid; wait", 1, new CancelToken());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(result.isError()).isTrue();
        assertThat(result.content()).contains("timed out after 1 s");
        assertProcessGone(dir.resolve("child.pid"));
    }

    @Test
    void cancelStopsTheCommandAtOnce() throws Exception {
        CancelToken cancel = new CancelToken();
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS)
                .execute(() -> cancel.cancel(CancelToken.Reason.CANCELLED));
        long started = System.nanoTime();

        ToolResult result = run("sleep 60", 60, cancel);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(result.isError()).isTrue();
        assertThat(result.content()).contains("command cancelled");
    }

    @Test
    void interruptKillsTheCommandAndPropagates() throws Exception {
        Thread caller = Thread.currentThread();
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(caller::interrupt);
        long started = System.nanoTime();

        assertThatThrownBy(() -> run("sleep 60 & echo $! > bg.pid; wait", 60, new CancelToken()))
                .isInstanceOf(InterruptedException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertProcessGone(dir.resolve("bg.pid"));
    }

    private static void assertProcessGone(Path pidFile) throws Exception {
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle.of(pid).ifPresent(handle -> handle.onExit().orTimeout(5, TimeUnit.SECONDS).join());

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    }
}
