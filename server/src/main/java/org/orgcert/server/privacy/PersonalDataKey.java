package org.orgcert.server.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Where the 32-byte personal data key comes from: the base64 value of {@code ORGCERT_PERSONAL_DATA_KEY}
 * (property {@code orgcert.personal-data-key}) when set, so every node of a cluster uses the same key;
 * otherwise {@code <data dir>/keys/personal-data.key}, created with 32 random bytes and mode 0600 on first
 * start. Losing the key loses every encrypted ID and mobile number: back it up with the database.
 */
final class PersonalDataKey {
    static final int BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private PersonalDataKey() {
    }

    /** The key from {@code base64} if not blank, else from (or newly into) the file under {@code dataDir}. */
    static byte[] load(String base64, Path dataDir) {
        if (base64 != null && !base64.isBlank()) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(base64.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("ORGCERT_PERSONAL_DATA_KEY is not base64");
            }
            return checked(key, "ORGCERT_PERSONAL_DATA_KEY");
        }
        Path file = dataDir.resolve("keys").resolve("personal-data.key");
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return checked(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the personal data key " + file, e);
        }
    }

    /**
     * Writes a new key to a private temporary file and links it into place, so a second node starting at
     * the same time on a shared folder either wins or reads the complete winner's key, never a half file.
     */
    private static void create(Path file) throws IOException {
        Path folder = file.getParent();
        boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(folder);
        }
        byte[] key = new byte[BYTES];
        new SecureRandom().nextBytes(key);
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(folder, "personal-data", ".tmp", attributes);
        try {
            Files.write(temporary, key);
            try {
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException lostRace) {
                // Another node created it first: use theirs.
            } catch (UnsupportedOperationException noHardLinks) {
                Files.move(temporary, file);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static byte[] checked(byte[] key, String source) {
        if (key.length != BYTES) {
            throw new IllegalStateException("the personal data key from " + source + " has " + key.length
                    + " bytes; it must have " + BYTES);
        }
        return key;
    }
}
