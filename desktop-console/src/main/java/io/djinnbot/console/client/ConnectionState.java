package io.djinnbot.console.client;

/** The state of an {@link EventStream}'s connection. */
public enum ConnectionState {
    /** The first connection is being opened. */
    CONNECTING,
    /** The stream is open and events flow. */
    CONNECTED,
    /** The stream dropped; it is being opened again from the last event seen. */
    RECONNECTING,
    /** Several attempts in a row failed; attempts go on, less often. */
    OFFLINE,
    /** The stream was closed by its owner and will not reconnect. */
    CLOSED
}
