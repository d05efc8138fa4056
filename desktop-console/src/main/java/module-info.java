/**
 * The JavaFX console. It speaks to the server over the public REST routes and the SSE stream only.
 */
module io.djinnbot.console {
    requires io.djinnbot.model;

    requires javafx.controls;

    // javafx.graphics instantiates the Application subclass reflectively.
    exports io.djinnbot.console;
}
