package io.djinnbot.console;

/**
 * Identifies the console build. The screens arrive with the console issue; until then the module
 * only proves that it builds as a named module beside the server.
 */
public final class ConsoleInfo {
    private ConsoleInfo() {
    }

    /** The module this console is built as. */
    public static String moduleName() {
        return ConsoleInfo.class.getModule().getName();
    }
}
