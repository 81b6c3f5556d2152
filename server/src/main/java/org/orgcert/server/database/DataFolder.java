package org.orgcert.server.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The service's data folder (database, PostgreSQL binaries, keys, CA key stores, token files) and its one
 * rule: nothing in it is reachable by any other local user. The folder and every folder below it are 0700;
 * every file loses its group and other bits (key material 0600, binaries 0700). Applied at every start, so a
 * folder made by an older version or restored from a backup is tightened too.
 */
public final class DataFolder {
    private static final Set<PosixFilePermission> GROUP_AND_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private DataFolder() {
    }

    /** Creates {@code root} (0700) if it is missing. */
    public static void create(Path root) {
        try {
            if (!Files.isDirectory(root)) {
                Files.createDirectories(root, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + root.toAbsolutePath(), e);
        }
    }

    /** Takes group and other permissions away from everything under {@code root}; symbolic links are left. */
    public static void secure(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile()) {
                        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
                        if (mode.removeAll(GROUP_AND_OTHERS)) {
                            Files.setPosixFilePermissions(file, mode);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // A file that vanished meanwhile (PostgreSQL's temporary files) needs no tightening.
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict the permissions of " + root.toAbsolutePath(), e);
        }
    }

    /** True when {@code path} can be written by its group or by others. */
    static boolean writableByOthers(Path path) throws IOException {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        return mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE);
    }
}
