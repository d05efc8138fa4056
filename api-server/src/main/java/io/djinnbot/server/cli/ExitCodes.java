package io.djinnbot.server.cli;

/** The exit codes of the command line, as the README lists them. */
public final class ExitCodes {
    /** The run completed. */
    public static final int OK = 0;
    /** The run failed or could not be started or followed. */
    public static final int FAILURE = 1;
    /** The command line was used wrongly. */
    public static final int USAGE = 2;
    /** The user pressed Ctrl-C; the run was cancelled. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
