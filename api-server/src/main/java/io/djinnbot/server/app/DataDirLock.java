package io.djinnbot.server.app;

import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One server per data directory. Two servers on the same folder would both resume the same
 * interrupted runs and write the same event sequence, so the second one refuses to start, naming
 * the process that holds the folder. The lock is an OS file lock: it disappears with the process,
 * even after a crash.
 */
public final class DataDirLock implements Managed {
    private static final String FILE = "server.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the data directory for this process.
     *
     * @param description who holds it, e.g. the port, written into the lock file for the error message
     * @throws IllegalStateException when another process holds it
     */
    public static DataDirLock acquire(Path dataDir, String description) throws IOException {
        Path file = dataDir.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
            channel.close();
            throw new IllegalStateException("another DjinnBot server is using the data directory " + dataDir
                    + (holder.isEmpty() ? "" : " (" + holder + ")")
                    + "; stop it, or give this one its own DJINNBOT_DATA_DIR");
        }
        String holder = "pid " + ProcessHandle.current().pid() + ", " + description;
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
        return new DataDirLock(channel, lock);
    }

    @Override
    public void start() {
        // taken at construction, before anything touches the folder
    }

    @Override
    public void stop() throws IOException {
        if (lock.isValid()) {
            lock.release();
        }
        channel.close();
    }
}
