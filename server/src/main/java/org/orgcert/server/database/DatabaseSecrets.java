package org.orgcert.server.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The embedded PostgreSQL's three passwords, generated on first start and kept like the other keys: in
 * {@code <data dir>/keys/} with mode 0600, never logged. {@code database-owner.password} is the schema owner's
 * (migrations); {@code database-service.password} is the restricted role's the service runs as;
 * {@code database-reader.password} is the read-only role's administrators query with.
 *
 * @param owner   password of the owner role {@value EmbeddedPostgresServer#OWNER}
 * @param service password of the service role {@value EmbeddedPostgresServer#SERVICE}
 * @param reader  password of the read-only role {@value EmbeddedPostgresServer#READER} (null when only loaded
 *                for a command, which does not use it)
 */
record DatabaseSecrets(String owner, String service, String reader) {
    static final String OWNER_FILE = "database-owner.password";
    static final String SERVICE_FILE = "database-service.password";
    static final String READER_FILE = "database-reader.password";

    /** Reads the passwords from {@code keys}, creating the missing ones. */
    static DatabaseSecrets loadOrCreate(Path keys) {
        return new DatabaseSecrets(passwordIn(keys.resolve(OWNER_FILE)), passwordIn(keys.resolve(SERVICE_FILE)),
                passwordIn(keys.resolve(READER_FILE)));
    }

    /** Reads the owner's and the service's passwords; fails when missing (a command never invents them). */
    static DatabaseSecrets load(Path keys) {
        try {
            return new DatabaseSecrets(read(keys.resolve(OWNER_FILE)), read(keys.resolve(SERVICE_FILE)), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the database passwords in " + keys.toAbsolutePath(), e);
        }
    }

    @Override
    public String toString() {
        return "DatabaseSecrets[hidden]";
    }

    private static String passwordIn(Path file) {
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap(password.getBytes(StandardCharsets.US_ASCII)));
                    channel.force(true); // on disk before its name is: a power cut leaves no empty password file
                }
                try {
                    Files.createLink(file, temporary); // never replaces a password another start wrote first
                } catch (FileAlreadyExistsException e) {
                    return read(file);
                }
                syncFolder(file.getParent()); // the new name survives a power cut, with the cluster made from it
            } finally {
                Files.deleteIfExists(temporary);
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file.toAbsolutePath(), e);
        }
    }

    /** fsync of a folder, so a name made in it survives a power cut (as TokenFile does). */
    private static void syncFolder(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static String read(Path file) throws IOException {
        String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (password.isEmpty()) {
            throw new IllegalStateException(file.toAbsolutePath() + " is empty");
        }
        return password;
    }
}
