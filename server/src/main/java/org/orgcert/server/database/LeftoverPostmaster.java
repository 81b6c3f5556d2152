package org.orgcert.server.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code postmaster.pid} left in the cluster folder. After a {@code kill -9} of the service its PostgreSQL
 * keeps running and must be stopped before the next start; but after a reboot the file names a process id
 * that may since belong to any other program. So a process is signalled only when {@code /proc/<pid>/cmdline}
 * shows a {@code postgres} executable started on this very cluster folder ({@code -D}); any other process is
 * left alone and only the stale file is removed.
 */
final class LeftoverPostmaster {
    private static final Logger LOG = LoggerFactory.getLogger(LeftoverPostmaster.class);

    private LeftoverPostmaster() {
    }

    /** Stops this cluster's leftover postmaster, if one runs, and removes a stale {@code postmaster.pid}. */
    static void clear(Path cluster) throws IOException {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        Optional<ProcessHandle> process = lines.isEmpty() ? Optional.empty() : parse(lines.get(0)).flatMap(ProcessHandle::of);
        if (process.isPresent() && process.get().isAlive()) {
            long pid = process.get().pid();
            Optional<Boolean> ours = isPostmasterOf(pid, cluster);
            if (ours.isEmpty() && process.get().isAlive()) {
                throw new IllegalStateException(pidFile.toAbsolutePath() + " names process " + pid
                        + ", whose command line cannot be read; stop it if it is this folder's PostgreSQL,"
                        + " or delete the file if it is not");
            }
            if (ours.orElse(false)) {
                LOG.warn("stopping this data folder's PostgreSQL (pid {}) left running by an earlier start", pid);
                process.get().destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients died with the old JVM
                try {
                    process.get().onExit().get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the PostgreSQL left running in " + cluster.toAbsolutePath()
                            + " (pid " + pid + ") did not stop within 60 s", e);
                }
            } else {
                LOG.warn("{} names pid {}, which is not this folder's PostgreSQL: not signalled, stale file removed",
                        pidFile, pid);
            }
        }
        Files.deleteIfExists(pidFile);
    }

    /**
     * Whether {@code pid} is a {@code postgres} started with {@code -D} on {@code cluster}; empty when its
     * command line cannot be read.
     */
    static Optional<Boolean> isPostmasterOf(long pid, Path cluster) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            String[] argv = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).split("\0");
            if (argv.length == 0 || !Path.of(argv[0]).getFileName().toString().equals("postgres")) {
                return Optional.of(false);
            }
            for (int i = 1; i + 1 < argv.length; i++) {
                if (argv[i].equals("-D")) {
                    // A relative -D is relative to the process's working folder.
                    Path dataDir = Files.readSymbolicLink(proc.resolve("cwd")).resolve(argv[i + 1]);
                    return Optional.of(Files.exists(dataDir) && Files.isSameFile(dataDir, cluster));
                }
            }
            return Optional.of(false);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> parse(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
