package org.orgcert.pki.crl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Holds the encoded revokedCertificates while a CRL is written: DER needs the length of the whole list
 * before its first entry, and the source of entries (a database cursor) can be read only once.
 *
 * <p>The first {@code memoryLimit} bytes stay in memory, so small and delta CRLs touch no disk; past that
 * everything moves to a temporary file that {@link #close} deletes. Encoders write straight into
 * {@link #reserve}'s buffer, which saves a copy per entry.
 */
final class Spool implements AutoCloseable {
    private static final int CHUNK = 64 * 1024;

    private final Path directory;
    private final int memoryLimit;
    private final byte[] chunk = new byte[CHUNK];
    private int position;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private Path file;
    private OutputStream fileOut;
    private long size;

    Spool(Path directory, int memoryLimit) {
        this.directory = directory;
        this.memoryLimit = memoryLimit;
    }

    /** The buffer to write {@code length} (at most 64 KiB) bytes into, at offset {@link #position()}. */
    byte[] reserve(int length) throws IOException {
        if (length > CHUNK) {
            throw new IllegalArgumentException("an entry of " + length + " bytes does not fit a spool chunk");
        }
        if (position + length > CHUNK) {
            drain();
        }
        return chunk;
    }

    /** Where the next reserved bytes go in the buffer. */
    int position() {
        return position;
    }

    /** Marks {@code length} bytes written at {@link #position()}. */
    void advance(int length) {
        position += length;
        size += length;
    }

    /** How many bytes have been spooled. */
    long size() {
        return size;
    }

    /** Everything spooled so far, from the start; call after the last write. */
    InputStream read() throws IOException {
        drain();
        if (file == null) {
            return new ByteArrayInputStream(memory.toByteArray());
        }
        fileOut.flush();
        return Files.newInputStream(file);
    }

    private void drain() throws IOException {
        if (position == 0) {
            return;
        }
        if (file == null && memory.size() + position > memoryLimit) {
            file = Files.createTempFile(directory, "orgcert-crl-", ".spool");
            fileOut = Files.newOutputStream(file);
            memory.writeTo(fileOut);
            memory = null;
        }
        if (file == null) {
            memory.write(chunk, 0, position);
        } else {
            fileOut.write(chunk, 0, position);
        }
        position = 0;
    }

    @Override
    public void close() throws IOException {
        memory = null;
        if (file != null) {
            try {
                fileOut.close();
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }
}
