package io.djinnbot.server.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of {@code djinnbot run}. Optional values are {@code null} when not given.
 *
 * @param server the {@code --server} URL, or {@code null}
 */
public record RunOptions(String pipeline, String task, String context, String project, String model, String server,
                         boolean quiet) {
    /** The usage text of the {@code run} command. */
    public static final String USAGE = """
            usage: djinnbot run PIPELINE TASK [options]

            Starts a run of PIPELINE for TASK and follows it live until it ends.

            options:
              --context TEXT            extra guidance for the agents
              --project NAME            the project the run belongs to
              --model PROVIDER/MODEL    use this model for every step (e.g. offline/simulated)
              --server URL              use the server at URL (default: DJINNBOT_SERVER_URL, else
                                        http://DJINNBOT_HOST:DJINNBOT_PORT, starting one when none answers)
              --quiet                   print only the outcome
              -h, --help                show this help

            exit codes: 0 completed, 1 failed, 2 usage error, 130 cancelled with Ctrl-C
            """;

    public RunOptions {
        if (pipeline == null || pipeline.isBlank() || task == null || task.isBlank()) {
            throw new IllegalArgumentException("pipeline and task are required, pipeline=" + pipeline);
        }
    }

    /** Whether the arguments ask for help rather than a run. */
    public static boolean wantsHelp(List<String> args) {
        for (String arg : args) {
            if ("--".equals(arg)) {
                return false;
            }
            if ("-h".equals(arg) || "--help".equals(arg)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses the arguments after {@code run}. Options take their value as the next argument or after {@code =};
     * {@code --} ends the options.
     */
    public static RunOptions parse(List<String> args) throws UsageException {
        List<String> positional = new ArrayList<>();
        String context = null;
        String project = null;
        String model = null;
        String server = null;
        boolean quiet = false;
        boolean optionsEnded = false;
        for (int index = 0; index < args.size(); index++) {
            String arg = args.get(index);
            if (optionsEnded || !arg.startsWith("--") || "--".equals(arg)) {
                if ("--".equals(arg) && !optionsEnded) {
                    optionsEnded = true;
                } else {
                    positional.add(arg);
                }
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if ("--quiet".equals(name)) {
                if (arg.contains("=")) {
                    throw new UsageException("--quiet takes no value");
                }
                quiet = true;
                continue;
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (index + 1 < args.size()) {
                value = args.get(++index);
            } else {
                throw new UsageException(name + " needs a value");
            }
            switch (name) {
                case "--context" -> context = value;
                case "--project" -> project = value;
                case "--model" -> model = checkModel(value);
                case "--server" -> server = checkServer(value);
                default -> throw new UsageException("unknown option " + name);
            }
        }
        if (positional.size() < 2) {
            throw new UsageException(positional.isEmpty() ? "PIPELINE and TASK are missing" : "TASK is missing");
        }
        if (positional.size() > 2) {
            throw new UsageException("unexpected argument \"" + positional.get(2)
                    + "\" (quote the task if it has several words)");
        }
        if (positional.get(0).isBlank() || positional.get(1).isBlank()) {
            throw new UsageException("PIPELINE and TASK must not be empty");
        }
        return new RunOptions(positional.get(0), positional.get(1), context, project, model, server, quiet);
    }

    private static String checkModel(String value) throws UsageException {
        int slash = value.indexOf('/');
        if (slash <= 0 || slash == value.length() - 1) {
            throw new UsageException("--model must look like PROVIDER/MODEL, got \"" + value + "\"");
        }
        return value;
    }

    private static String checkServer(String value) throws UsageException {
        if (ServerEndpoint.parseUrl(value) == null) {
            throw new UsageException("--server must be an http:// or https:// URL, got \"" + value + "\"");
        }
        return value;
    }
}
