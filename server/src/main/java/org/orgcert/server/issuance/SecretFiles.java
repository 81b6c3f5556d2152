package org.orgcert.server.issuance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.orgcert.pki.Pki;

/**
 * Secrets the service generates on its first start and keeps in files only its own user can read (mode
 * 0600): the CA passphrase, the unblock master key, the software tokens' device key. Their contents are
 * never logged.
 */
final class SecretFiles {
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
     * Writes {@code bytes} to a new file with mode 0600 (created with that mode, then linked into place
     * without replacing anything); false when {@code file} appeared meanwhile.
     */
    static boolean write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(temporary, bytes);
            try {
                // A hard link never replaces an existing file (rename would): first writer wins.
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException e) {
                return false;
            }
            return true;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
