package io.djinnbot.server;

import io.djinnbot.server.app.DataDirs;
import io.djinnbot.server.app.DjinnBotApplication;
import io.djinnbot.server.cli.CacheDir;
import io.djinnbot.server.cli.CliLogging;
import io.djinnbot.server.cli.ConfigLocator;
import io.djinnbot.server.cli.ExitCodes;
import io.djinnbot.server.cli.LocalServer;
import io.djinnbot.server.cli.RunCommand;
import io.djinnbot.server.cli.RunEventStream;
import java.io.Console;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The entry point of {@code api-server.jar} and of the {@code djinnbot} launcher: {@code server [CONFIG]} runs the
 * server in the foreground, {@code run PIPELINE TASK} runs a pipeline and follows it in the terminal.
 */
public final class Main {
    static final String USAGE = """
            usage: djinnbot COMMAND [ARGS]

            commands:
              run PIPELINE TASK [options]   start a run and follow it live (djinnbot run --help)
              server [CONFIG]               run the server in the foreground

            The server listens on http://DJINNBOT_HOST:DJINNBOT_PORT (default http://127.0.0.1:8000).
            """;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        CacheDir.prepare(System.getProperty(CacheDir.PROPERTY));
        if (args.length == 0) {
            System.err.print(USAGE);
            System.exit(ExitCodes.USAGE);
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        switch (args[0]) {
            case "-h", "--help", "help" -> System.out.print(USAGE);
            case "server" -> runServer(rest);
            case "run" -> System.exit(run(rest));
            default -> {
                System.err.println("djinnbot: unknown command \"" + args[0] + "\"");
                System.err.print(USAGE);
                System.exit(ExitCodes.USAGE);
            }
        }
    }

    private static void runServer(List<String> args) throws Exception {
        if (args.size() > 1) {
            System.err.println("usage: djinnbot server [CONFIG]");
            System.exit(ExitCodes.USAGE);
        }
        String config = ConfigLocator.resolve(args.isEmpty() ? null : args.getFirst(), System.getenv());
        new DjinnBotApplication().run("server", config);
    }

    private static int run(List<String> args) {
        CliLogging.configure();
        Map<String, String> env = System.getenv();
        Path dataDir = DataDirs.dataDir();
        Console console = System.console();
        boolean terminal = console != null && console.isTerminal();
        // The run's lines use symbols (✓ ▶ …); without a UTF-8 locale the JVM would print them as '?'.
        java.io.PrintStream out = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out),
                true, java.nio.charset.StandardCharsets.UTF_8);
        java.io.PrintStream err = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err),
                true, java.nio.charset.StandardCharsets.UTF_8);
        RunCommand command = new RunCommand(new RunCommand.Settings(env, out, err, terminal, dataDir,
                () -> LocalServer.start(LocalServer.serverCommand(ConfigLocator.resolve(null, env), env),
                        dataDir.resolve("logs").resolve("server.log"), Map.of()),
                RunEventStream.ReconnectPolicy.DEFAULT));
        Thread hook = new Thread(command::interrupt, "djinnbot-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        int code = command.execute(args);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C arrived: the hook is running and decides how the process ends
        }
        return code;
    }
}
