package org.orgcert.pki;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What makes a key file's write survive a power cut, as the token module's {@code TokenFile} does: the new
 * file's bytes are forced to disk before it is renamed or linked into place (else the rename can reach the
 * disk before the data, leaving an empty or half key file under the real name), and the folder is flushed
 * after (the rename lives in the folder's entry: without it a power cut can bring the old file back, or lose a
 * new key already in use). Used by the CA key stores and the service's generated secrets.
 */
public final class DurableFiles {
    /** The two flushes; replaceable so that a test can watch what is flushed and when. */
    public interface Flush {
        /** Forces {@code file}'s bytes to disk; called before it is moved or linked into place. */
        void file(Path file) throws IOException;

        /** Flushes {@code folder}'s entries to disk; called after a rename or link in it. */
        void folder(Path folder);
    }

    /** The real flushes: fsync of the file, and of the folder where the platform allows it. */
    public static final Flush DISK = new Flush() {
        @Override
        public void file(Path file) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }

        @Override
        public void folder(Path folder) {
            // Opening a folder for reading and forcing it works on Linux and macOS; where the platform refuses
            // (Windows), it is skipped: NTFS journals renames, and the file's own data was forced before.
            try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
                channel.force(true);
            } catch (IOException | UnsupportedOperationException e) {
                // the platform cannot sync a folder
            }
        }
    };

    private DurableFiles() {
    }
}
