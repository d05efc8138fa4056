/**
 * The JavaFX console. It speaks to the server over the public REST routes and the SSE stream only.
 */
module io.djinnbot.console {
    // The screens.
    requires javafx.controls;

    // Talking to the server: REST and the event stream, JSON into the shared records.
    requires okhttp3;
    requires okhttp3.sse;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    requires io.djinnbot.model;

    // The client package is meant for reuse by other local tools.
    exports io.djinnbot.console.client;
    // JavaFX instantiates the Application subclass.
    exports io.djinnbot.console.app to javafx.graphics;
}
