package org.orgcert.server.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who PostgreSQL's programs run as. Run by an ordinary user, the service starts them as that same user. Run
 * by root, it never lets them keep kernel uid 0: a user namespace ({@code unshare -U}, used before) still
 * creates files as root, so a database superuser's {@code COPY ... TO PROGRAM} could have written root-owned
 * files anywhere root may. Instead they run as the unprivileged system account {@value #ACCOUNT} (created once
 * with {@code useradd --system} if missing), through {@code setpriv} with that account's uid and gid and no
 * supplementary groups: it owns the cluster and the socket folder, may pass through the data folder (its
 * group, 0710) and read the programs, and reaches nothing else in the data folder ({@code keys/} stays
 * root's, 0700).
 */
final class RootlessLaunch {
    /** The system account root runs PostgreSQL as. */
    static final String ACCOUNT = "orgcert-db";
    private static final Logger LOG = LoggerFactory.getLogger(RootlessLaunch.class);

    /** The account's ids, or none when PostgreSQL runs as the service's own user. */
    record Account(int uid, int gid) {
        /** The words to put before a PostgreSQL program's command line. */
        List<String> prefix() {
            return List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--");
        }
    }

    private RootlessLaunch() {
    }

    /** Empty when the service is no root; otherwise the account PostgreSQL must run as (created if missing). */
    static Optional<Account> account() throws IOException {
        if (effectiveUid() != 0) {
            return Optional.empty();
        }
        Optional<Account> account = lookUp();
        if (account.isEmpty()) {
            LOG.warn("creating the system account {} to run the embedded PostgreSQL as (the service runs as root)", ACCOUNT);
            run(List.of("useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
                    "--shell", "/usr/sbin/nologin", ACCOUNT), "useradd " + ACCOUNT);
            account = lookUp();
        }
        if (account.isEmpty() || account.get().uid() == 0) {
            throw new IOException("the system account " + ACCOUNT + " is missing or has uid 0; PostgreSQL cannot run"
                    + " as root (docs/operations.md)");
        }
        return account;
    }

    /** The words to put before a PostgreSQL program's command line for {@code account}. */
    static List<String> prefix(Optional<Account> account) {
        return account.map(Account::prefix).orElse(List.of());
    }

    private static Optional<Account> lookUp() throws IOException {
        Process getent = new ProcessBuilder("getent", "passwd", ACCOUNT).redirectErrorStream(true).start();
        String line = new String(getent.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (getent.waitFor() != 0 || line.isEmpty()) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while looking up " + ACCOUNT, e);
        }
        String[] fields = line.split(":"); // name:password:uid:gid:gecos:home:shell
        return Optional.of(new Account(Integer.parseInt(fields[2]), Integer.parseInt(fields[3])));
    }

    private static void run(List<String> command, String name) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException(name + " failed (exit " + process.exitValue() + "): " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(name + " interrupted", e);
        }
    }

    private static long effectiveUid() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
            if (line.startsWith("Uid:")) {
                return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
            }
        }
        throw new IOException("no Uid line in /proc/self/status");
    }
}
