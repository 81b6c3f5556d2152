package org.orgcert.server.issuance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.orgcert.pki.DurableFiles;
import org.orgcert.pki.Pki;

/**
 * Secrets the service generates on its first start and keeps in files only its own user can read (mode
 * 0600): the CA passphrase, the unblock master key, the software tokens' device key. Their contents are
 * never logged.
 */
public final class SecretFiles {
    private SecretFiles() {
    }

    /** The bytes in {@code file}, or {@code length} fresh random bytes written there (0600) if it is absent. */
    static byte[] loadOrCreate(Path file, int length) {
        try {
            if (Files.exists(file)) {
                byte[] bytes = Files.readAllBytes(file);
                if (bytes.length != length) {
                    throw new IllegalStateException(file + " must hold exactly " + length + " bytes");
                }
                return bytes;
            }
            byte[] bytes = new byte[length];
            Pki.random().nextBytes(bytes);
            if (!write(file, bytes)) {
                return loadOrCreate(file, length); // another node or thread wrote it first: use theirs
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    /**
     * Writes {@code bytes} to a new file with mode 0600 (created with that mode, forced to disk, then linked into
     * place without replacing anything, and the folder flushed: {@link DurableFiles}); false when {@code file}
     * appeared meanwhile.
     */
    public static boolean write(Path file, byte[] bytes) throws IOException {
        return write(file, bytes, DurableFiles.DISK);
    }

    /** {@link #write(Path, byte[])} with the flushes a test watches. */
    static boolean write(Path file, byte[] bytes, DurableFiles.Flush flush) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, file.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        boolean linked = false;
        try {
            Files.write(temporary, bytes);
            flush.file(temporary);
            try {
                // A hard link never replaces an existing file (rename would): first writer wins.
                Files.createLink(file, temporary);
                linked = true;
            } catch (FileAlreadyExistsException e) {
                return false;
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        // After the temporary name is gone too, so that neither the link nor a leftover copy depends on luck.
        flush.folder(folder);
        return linked;
    }
}
