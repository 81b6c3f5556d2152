package org.orgcert.server.database;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL programs shipped in the jar, unpacked into {@code <data dir>/postgres-runtime/PG-<digest>}.
 * Only the service's user may write there (0700): the service executes these files. A runtime folder that
 * another user could have written to (older versions left it world-writable) is deleted and unpacked anew,
 * so a planted program is never run.
 */
final class PostgresBinaries {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresBinaries.class);
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final String COMPLETE = ".complete";

    private PostgresBinaries() {
    }

    /** Unpacks the bundled PostgreSQL under {@code runtime} if needed; returns its installation folder. */
    static Path install(Path runtime) {
        try {
            distrustForeignFiles(runtime);
            byte[] archive = readArchive();
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive), 0, 8);
            Path home = runtime.resolve("PG-" + digest);
            if (Files.exists(home.resolve(COMPLETE))) {
                return home;
            }
            Files.createDirectories(runtime, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path unpacking = Files.createTempDirectory(runtime, "unpacking-");
            LOG.info("unpacking the bundled PostgreSQL into {}", home.toAbsolutePath());
            unpack(archive, unpacking);
            Files.createFile(unpacking.resolve(COMPLETE));
            deleteTree(home); // an earlier unpacking that never completed
            Files.move(unpacking, home, StandardCopyOption.ATOMIC_MOVE);
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the bundled PostgreSQL into " + runtime.toAbsolutePath(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes {@code runtime} when any file in it is writable by others or owned by another user. */
    private static void distrustForeignFiles(Path runtime) throws IOException {
        if (!Files.exists(runtime)) {
            return;
        }
        String me = System.getProperty("user.name");
        boolean foreign;
        try (Stream<Path> files = Files.walk(runtime)) {
            foreign = files.anyMatch(path -> {
                try {
                    return !Files.isSymbolicLink(path) && (DataFolder.writableByOthers(path)
                            || !Files.getOwner(path).getName().equals(me));
                } catch (IOException e) {
                    return true;
                }
            });
        }
        if (foreign) {
            LOG.warn("{} could be written by other users; deleting it and unpacking PostgreSQL anew", runtime.toAbsolutePath());
            deleteTree(runtime);
        }
    }

    private static byte[] readArchive() throws IOException {
        try (InputStream in = PostgresBinaries.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (in == null) {
                throw new IllegalStateException("the PostgreSQL binaries (" + ARCHIVE + ") are not on the class path");
            }
            return in.readAllBytes();
        }
    }

    private static void unpack(byte[] archive, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isFile()) {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    boolean executable = (entry.getMode() & 0100) != 0 || target.relativize(path).startsWith("bin");
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(executable ? "rwx------" : "rw-------"));
                } else {
                    throw new IOException("unexpected archive entry " + entry.getName());
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
