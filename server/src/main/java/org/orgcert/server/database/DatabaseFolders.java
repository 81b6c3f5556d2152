package org.orgcert.server.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * When root runs the service, what the PostgreSQL account ({@link RootlessLaunch#ACCOUNT}) may reach in the
 * data folder, set at every start after {@link DataFolder#secure}: it owns the cluster and the socket folder
 * (0700); the data folder is root's with the account's group and mode 0710, so the account passes through it
 * to those two and lists nothing; the programs stay root's, readable and executable by the account's group,
 * never writable by it. Everything else ({@code keys/}, {@code ca/}, the lock) stays root's alone, 0700.
 */
final class DatabaseFolders {
    private DatabaseFolders() {
    }

    static void grant(Path folder, RootlessLaunch.Account account, Path cluster, Path sockets, Path runtime)
            throws IOException {
        String owner = account.uid() + ":" + account.gid();
        for (Path own : List.of(cluster, sockets)) {
            Files.createDirectories(own);
            Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rwx------"));
            run(List.of("chown", "-R", "--no-dereference", owner, own.toString()));
        }
        run(List.of("chgrp", "-R", "--no-dereference", Integer.toString(account.gid()), runtime.toString()));
        try (Stream<Path> paths = Files.walk(runtime)) {
            for (Path path : paths.filter(p -> !Files.isSymbolicLink(p)).toList()) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
                mode.add(PosixFilePermission.GROUP_READ);
                if (Files.isDirectory(path) || mode.contains(PosixFilePermission.OWNER_EXECUTE)) {
                    mode.add(PosixFilePermission.GROUP_EXECUTE);
                }
                Files.setPosixFilePermissions(path, mode);
            }
        }
        run(List.of("chgrp", "--no-dereference", Integer.toString(account.gid()), folder.toString()));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx--x---"));
        // The account must also pass through every folder above the data folder.
        try {
            run(concat(account.prefix(), List.of("test", "-w", cluster.toString(), "-a", "-w", sockets.toString(),
                    "-a", "-x", runtime.toString())));
        } catch (IOException e) {
            throw new IOException("the account " + RootlessLaunch.ACCOUNT + " that runs PostgreSQL cannot reach "
                    + cluster + ": every folder above the data folder " + folder + " must be open to it (o+x),"
                    + " or choose another ORGCERT_DATA_DIR (docs/operations.md)", e);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): "
                        + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(command.get(0) + " interrupted", e);
        }
    }
}
