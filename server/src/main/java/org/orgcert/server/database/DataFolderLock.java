package org.orgcert.server.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * {@code <data dir>/orgcert.lock}, held for as long as a process runs the embedded PostgreSQL of that data
 * folder. A second {@code ./orgcert serve} on the same folder finds it held and refuses instead of taking the
 * database away; a command ({@code audit-verify}) finds it held and uses the running database instead of
 * starting one. The operating system drops the lock when its holder dies, so a crash never leaves it stuck.
 */
public final class DataFolderLock implements AutoCloseable {
    static final String FILE = "orgcert.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataFolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or empty when another process (or this one) already holds it. */
    public static Optional<DataFolderLock> tryAcquire(Path dataFolder) {
        Path file = dataFolder.resolve(FILE);
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return Optional.of(new DataFolderLock(channel, lock));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file.toAbsolutePath(), e);
        }
    }

    /** The process id the holder wrote into the lock file, for messages ("?" when unreadable). */
    public static String holder(Path dataFolder) {
        try {
            return Files.readString(dataFolder.resolve(FILE), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // The process is ending or the file is gone; the operating system releases the lock either way.
        }
    }
}
