package org.orgcert.key;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the command line keeps an unlock request's secret between filing it and applying the response, so that
 * {@code unlock --request ID} can finish a request filed by an earlier run: one file per request, readable by the
 * user only (0600 in a 0700 folder), deleted once the key is unlocked.
 */
public final class UnlockSecrets {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private final Path folder;

    /** Secrets under {@code folder}. */
    public UnlockSecrets(Path folder) {
        this.folder = folder;
    }

    /** The user's folder, {@code ~/.orgcert-key/unlock}. */
    public static UnlockSecrets ofUser() {
        return new UnlockSecrets(Path.of(System.getProperty("user.home"), ".orgcert-key", "unlock"));
    }

    /** Keeps the secret of request {@code id}. */
    public void save(String id, UnlockSecret secret) {
        try {
            Files.createDirectories(folder);
            setMode(folder, "rwx------");
            Path file = file(id);
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
                Files.createFile(file);
            }
            Files.writeString(file, secret.value(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The secret of request {@code id}, if this user's assistant filed it. */
    public Optional<UnlockSecret> load(String id) {
        Path file = file(id);
        try {
            return Files.exists(file) ? Optional.of(UnlockSecret.of(Files.readString(file, StandardCharsets.US_ASCII)))
                    : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Forgets the secret of request {@code id} (the key is unlocked). */
    public void delete(String id) {
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("an unlock request id is letters, digits and hyphens");
        }
        return folder.resolve(id);
    }

    private static void setMode(Path path, String mode) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the user's home folder's own protection applies
        }
    }
}
