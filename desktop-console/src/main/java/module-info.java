/**
 * The JavaFX console. It speaks to the server over the public REST routes and the SSE stream only.
 */
module io.djinnbot.console {
    requires io.djinnbot.model;

    exports io.djinnbot.console;
}
