/**
 * Wire types shared by the server and the console: statuses and event names of the DjinnBot API.
 */
module io.djinnbot.model {
    requires static com.fasterxml.jackson.annotation;

    exports io.djinnbot.model;
}
