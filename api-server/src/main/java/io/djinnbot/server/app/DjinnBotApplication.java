package io.djinnbot.server.app;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Environment;

/**
 * Placeholder for the server application so that the command line compiles on its own; the real application
 * class, with its configuration, resources and engine, replaces this file.
 */
public class DjinnBotApplication extends Application<Configuration> {
    @Override
    public void run(Configuration configuration, Environment environment) {
        // the real application registers its resources here
    }
}
