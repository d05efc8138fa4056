package io.djinnbot.console.app;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.djinnbot.console.client.ApiException;
import io.djinnbot.console.client.DjinnBotClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the local server as a child process when nothing answers at a loopback address the user did not name,
 * with the same data directory as {@code djinnbot run}, and stops it when the console exits.
 */
public final class LocalServer implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(LocalServer.class);
    private static final long START_TIMEOUT_MILLIS = 90_000;

    private final Process process;
    private final Path log;

    private LocalServer(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The server's log file. */
    public Path log() {
        return log;
    }

    /** The data directory: DJINNBOT_DATA_DIR, else $XDG_DATA_HOME/djinnbot, else ~/.local/share/djinnbot. */
    public static Path dataDir(Map<String, String> env) {
        String explicit = env.get("DJINNBOT_DATA_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("djinnbot");
    }

    /** Whether the console may start a server for this URL: a loopback address the user did not name. */
    public static boolean mayStartFor(ConsoleSettings settings) {
        if (settings.named()) {
            return false;
        }
        String host = URI.create(settings.serverUrl()).getHost();
        return "127.0.0.1".equals(host) || "localhost".equals(host);
    }

    /**
     * Starts {@code <home>/djinnbot server} on the URL's port and waits until it answers.
     *
     * @throws IOException when there is no launcher or the server does not come up in time
     */
    public static LocalServer start(ConsoleSettings settings, DjinnBotClient client, Map<String, String> env)
            throws IOException, InterruptedException {
        Path launcher = launcher(env, System.getProperty("djinnbot.launcher", ""),
                System.getProperty("djinnbot.home", ""));
        if (!Files.isExecutable(launcher)) {
            throw new IOException("no djinnbot launcher at " + launcher);
        }
        Path logs = dataDir(env).resolve("logs");
        Files.createDirectories(logs);
        Path log = logs.resolve("server.log");
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "server"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // A bundle's launcher marks its own process with _JPACKAGE_* variables; a second launcher that inherits them
        // takes itself for the first one's re-executed child and starts without its main class.
        builder.environment().keySet().removeIf(name -> name.startsWith("_JPACKAGE") || name.startsWith("JPACKAGE"));
        int port = URI.create(settings.serverUrl()).getPort();
        if (port > 0) {
            builder.environment().put("DJINNBOT_PORT", Integer.toString(port));
        }
        LOGGER.info("starting local server launcher={} log={}", launcher, log);
        LocalServer server = new LocalServer(builder.start(), log);
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!server.process.isAlive()) {
                throw new IOException("the local server stopped during start-up; see " + log);
            }
            try {
                client.status();
                LOGGER.info("local server up pid={}", server.process.pid());
                return server;
            } catch (IOException | ApiException notYet) {
                Thread.sleep(500);
            }
        }
        server.close();
        throw new IOException("the local server did not answer within 90 s; see " + log);
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        LOGGER.info("stopping local server pid={}", process.pid());
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /**
     * The command that starts a server: the installed bundle names its own launcher with the
     * {@code djinnbot.launcher} property; a source checkout has {@code djinnbot} in DJINNBOT_HOME.
     */
    static Path launcher(Map<String, String> env, String launcherProperty, String homeProperty) {
        if (!launcherProperty.isBlank()) {
            return Path.of(launcherProperty);
        }
        String home = env.getOrDefault("DJINNBOT_HOME", homeProperty);
        return Path.of(home.isBlank() ? "." : home).resolve("djinnbot");
    }
}
