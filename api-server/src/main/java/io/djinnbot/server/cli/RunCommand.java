package io.djinnbot.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code djinnbot run PIPELINE TASK}: makes sure a server answers (starting one for the length of the command when
 * none does), creates the run, follows its events live and turns its outcome into the exit code.
 *
 * <p>Ctrl-C reaches {@link #interrupt()} through a shutdown hook: the run is cancelled first, then a server this
 * command started is stopped. A server that was already running is left alone.
 */
public final class RunCommand {
    private static final Logger LOGGER = LoggerFactory.getLogger(RunCommand.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(5);
    private static final Duration FINISH_WAIT = Duration.ofSeconds(3);
    private static final Duration CREATE_WAIT = Duration.ofSeconds(5);

    private final Settings settings;
    private final ObjectMapper mapper = new ObjectMapper();
    private final OkHttpClient http;
    private final CountDownLatch runEnded = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean interrupted;
    private volatile ServerApi api;
    private volatile String runId;
    private final CountDownLatch created = new CountDownLatch(1);
    private volatile RunEventStream stream;
    private volatile RunRenderer renderer;
    private LocalServer startedServer;

    /**
     * What the command works with.
     *
     * @param terminal whether stdout is a terminal (progress line rewritten in place)
     * @param dataDir  the data directory a started server uses, as shown to the user
     * @param starter  starts a server when none answers
     * @param policy   how the event stream reconnects
     */
    public record Settings(Map<String, String> env, PrintStream out, PrintStream err, boolean terminal,
                           Path dataDir, ServerStarter starter, RunEventStream.ReconnectPolicy policy) {
        public Settings {
            env = Map.copyOf(env);
        }
    }

    /** Starts a local server; the command then waits for it to answer. */
    @FunctionalInterface
    public interface ServerStarter {
        LocalServer start() throws IOException;
    }

    public RunCommand(Settings settings) {
        this.settings = settings;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** Runs the command with the arguments after {@code run} and returns the exit code. */
    public int execute(List<String> args) {
        PrintStream err = settings.err();
        if (RunOptions.wantsHelp(args)) {
            settings.out().print(RunOptions.USAGE);
            return ExitCodes.OK;
        }
        RunOptions options;
        ServerEndpoint endpoint;
        try {
            options = RunOptions.parse(args);
            endpoint = ServerEndpoint.resolve(options.server(), settings.env());
        } catch (UsageException wrongUse) {
            err.println("djinnbot run: " + wrongUse.getMessage());
            err.println();
            err.print(RunOptions.USAGE);
            return ExitCodes.USAGE;
        }
        try {
            api = new ServerApi(http, endpoint.url(), mapper);
            if (!api.isUp()) {
                if (endpoint.explicit()) {
                    err.println("djinnbot: no DjinnBot server answers at " + endpoint.display());
                    return ExitCodes.FAILURE;
                }
                if (!startServer(endpoint)) {
                    return ExitCodes.FAILURE;
                }
            }
            if (interrupted) {
                return ExitCodes.INTERRUPTED;
            }
            return createAndFollow(endpoint, options);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            return ExitCodes.INTERRUPTED;
        } finally {
            created.countDown();
            stopStartedServer();
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
            finished.countDown();
        }
    }

    /**
     * Reacts to Ctrl-C: cancels the run (waiting briefly for the server to confirm), stops a server this command
     * started, and gives the following thread a moment to print the outcome.
     */
    public void interrupt() {
        interrupted = true;
        try {
            // A POST /v1/runs in flight must not leave a run behind: wait for its answer, then cancel it.
            created.await(CREATE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException again) {
            Thread.currentThread().interrupt();
        }
        String id = runId;
        if (id != null && runEnded.getCount() > 0) {
            say("cancelling run " + id + " …");
            try {
                api.cancelRun(id);
                if (!runEnded.await(CANCEL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    say("the server did not confirm the cancel; the run may still be going: " + id);
                }
            } catch (IOException | ApiErrorException failed) {
                say("could not cancel run " + id + ": " + failed.getMessage());
            } catch (InterruptedException again) {
                Thread.currentThread().interrupt();
            }
        }
        RunEventStream current = stream;
        if (current != null) {
            current.close();
        }
        stopStartedServer();
        try {
            finished.await(FINISH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException again) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean startServer(ServerEndpoint endpoint) throws InterruptedException {
        PrintStream err = settings.err();
        LocalServer server;
        try {
            server = settings.starter().start();
        } catch (IOException cannotStart) {
            err.println("djinnbot: could not start a local server: " + cannotStart.getMessage());
            return false;
        }
        synchronized (this) {
            startedServer = server;
        }
        err.println("started a local server on " + endpoint.display() + " (data: " + settings.dataDir()
                + ", log: " + server.logFile() + ")");
        try {
            server.awaitReady(api::isUp, READY_TIMEOUT);
            return true;
        } catch (ServerStartException notReady) {
            if (interrupted) {
                return false;
            }
            if (api.isUp()) {
                // Another command started a server on the same port at the same moment: use that one.
                synchronized (this) {
                    startedServer = null;
                }
                err.println("another local server answered first; using it");
                return true;
            }
            err.println("djinnbot: " + notReady.getMessage() + "; the end of " + server.logFile() + ":");
            notReady.logTail().forEach(line -> err.println("  " + line));
            return false;
        }
    }

    private int createAndFollow(ServerEndpoint endpoint, RunOptions options) throws InterruptedException {
        PrintStream err = settings.err();
        JsonNode createdRun;
        try {
            createdRun = api.createRun(CreateRunRequest.of(options));
            runId = RunInfo.from(createdRun).id();
        } catch (ApiErrorException refused) {
            ApiError error = refused.error();
            List<String> lines = error.describe();
            err.println("djinnbot: the run was not created (HTTP " + error.status() + "): " + lines.getFirst());
            lines.subList(1, lines.size()).forEach(err::println);
            return ExitCodes.FAILURE;
        } catch (IOException unreachable) {
            err.println("djinnbot: cannot reach the server at " + endpoint.display() + ": " + unreachable.getMessage());
            return ExitCodes.FAILURE;
        } finally {
            created.countDown();
        }
        RunInfo run = RunInfo.from(createdRun);
        RunRenderer view = new RunRenderer(settings.out(), settings.terminal(), options.quiet(), run);
        renderer = view;
        view.begin(options.task());
        RunEventStream events = new RunEventStream(http.newBuilder().readTimeout(Duration.ZERO).build(),
                endpoint.url(), mapper, settings.policy(), new Notices(view));
        stream = events;
        ScheduledExecutorService ticker = startTicker(view, options.quiet());
        RunEnd[] end = new RunEnd[1];
        try {
            boolean over = events.follow(run.id(), event -> {
                view.accept(event).ifPresent(result -> {
                    end[0] = result;
                    runEnded.countDown();
                });
                return end[0] != null;
            });
            if (end[0] != null) {
                return end[0].exitCode(interrupted);
            }
            LOGGER.debug("event stream closed before the run ended run={} over={}", run.id(), over);
            return interrupted ? ExitCodes.INTERRUPTED : ExitCodes.FAILURE;
        } catch (StreamLostException lost) {
            err.println("djinnbot: lost the run's event stream: " + lost.getMessage());
            err.println("the run may still be going: " + run.id());
            return interrupted ? ExitCodes.INTERRUPTED : ExitCodes.FAILURE;
        } finally {
            if (ticker != null) {
                ticker.shutdownNow();
            }
        }
    }

    private ScheduledExecutorService startTicker(RunRenderer view, boolean quiet) {
        if (!settings.terminal() || quiet) {
            return null;
        }
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "progress-clock");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(() -> view.tick(System.currentTimeMillis()), 1, 1, TimeUnit.SECONDS);
        return ticker;
    }

    private void stopStartedServer() {
        LocalServer server;
        synchronized (this) {
            server = startedServer;
        }
        if (server == null || !server.isAlive()) {
            return;
        }
        int others = api == null ? -1 : api.unfinishedRuns();
        if (others > 0) {
            say("leaving the local server running: " + others + " other run(s) still use it (pid "
                    + server.pid() + ")");
            return;
        }
        server.stop();
    }

    private void say(String text) {
        RunRenderer view = renderer;
        if (view != null) {
            view.notice(text);
        } else {
            settings.err().println(text);
        }
    }

    /** Tells the user about a lost and regained event stream, between the run's lines. */
    private record Notices(RunRenderer view) implements RunEventStream.ConnectionListener {
        @Override
        public void disconnected(String reason) {
            view.notice("… connection to the server lost (" + reason + "), reconnecting");
        }

        @Override
        public void reconnected() {
            view.notice("… reconnected");
        }
    }
}
