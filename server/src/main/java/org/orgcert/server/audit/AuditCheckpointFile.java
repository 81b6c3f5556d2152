package org.orgcert.server.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.orgcert.server.OrgCertProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code <data dir>/audit/checkpoints} ({@code orgcert.audit.checkpoint-file} moves it): the checkpoints of the
 * chain head, one line each ({@link AuditCheckpoint#line}), appended and never rewritten; mode 0600 in a 0700
 * folder. Outside the database on purpose: whoever rewrites the audit tables does not rewrite this file.
 *
 * <p>Recreating the database on purpose (not restoring it) starts a new chain: move this file aside then, or
 * {@code audit-verify} rightly reports the new chain as a truncation of the old one.
 */
@Component
class AuditCheckpointFile {
    /** Enough for the last few lines (about 190 bytes each). */
    private static final int TAIL = 4096;

    private final Path file;

    AuditCheckpointFile(OrgCertProperties properties, @Value("${orgcert.audit.checkpoint-file:}") String file) {
        this.file = file.isBlank() ? properties.dataDir().resolve("audit").resolve("checkpoints") : Path.of(file);
    }

    Path path() {
        return file;
    }

    /** Appends {@code checkpoint} and forces it to disk before returning. */
    synchronized void append(AuditCheckpoint checkpoint) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            try (FileChannel channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                ByteBuffer line = ByteBuffer.wrap((checkpoint.line() + "\n").getBytes(StandardCharsets.US_ASCII));
                while (line.hasRemaining()) {
                    channel.write(line);
                }
                channel.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit checkpoint file " + file, e);
        }
    }

    /**
     * The last checkpoint in the file, empty when there is no file or no checkpoint in it yet. A last line cut
     * short (a crash while writing) is passed over; whether the one found is genuine is for the caller to check.
     */
    Optional<AuditCheckpoint> last() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer tail = ByteBuffer.allocate((int) Math.min(size, TAIL));
            channel.position(size - tail.capacity());
            while (tail.hasRemaining() && channel.read(tail) >= 0) {
                // read to the end
            }
            String[] lines = new String(tail.array(), 0, tail.position(), StandardCharsets.US_ASCII).split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                Optional<AuditCheckpoint> checkpoint = AuditCheckpoint.parse(lines[i]);
                if (checkpoint.isPresent()) {
                    return checkpoint;
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit checkpoint file " + file, e);
        }
    }
}
