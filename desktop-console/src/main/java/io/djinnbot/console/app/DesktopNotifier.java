package io.djinnbot.console.app;

import java.io.File;
import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends a notice to the desktop through {@code notify-send} where the desktop has it; does nothing otherwise. */
final class DesktopNotifier {
    private static final Logger LOGGER = LoggerFactory.getLogger(DesktopNotifier.class);

    private final String notifySend = find();

    void send(String title, String text) {
        if (notifySend == null) {
            return;
        }
        try {
            new ProcessBuilder(notifySend, "--app-name=DjinnBot", title, text)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            LOGGER.debug("desktop notice not sent", e);
        }
    }

    private static String find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, "notify-send");
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        return null;
    }
}
