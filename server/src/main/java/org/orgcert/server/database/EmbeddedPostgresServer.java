package org.orgcert.server.database;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-set-up database: the PostgreSQL shipped in the jar, run by the service with its cluster in
 * {@code <data dir>/postgres} and kept across restarts.
 *
 * <p>Set up as a production server, not a test fixture: commits are durable ({@code fsync},
 * {@code synchronous_commit} and {@code full_page_writes} on) unless a test asks for
 * {@link Durability#TESTS_ONLY_NOT_CRASH_SAFE}; every connection needs a password (SCRAM) and there is no Unix
 * socket, only 127.0.0.1; the service connects as {@value #SERVICE}, a role that is no superuser and may only
 * add to the audit tables ({@code db/migration/afterMigrate.sql}), while migrations run as the owner
 * {@value #OWNER}. The passwords are generated into {@code <data dir>/keys} ({@link DatabaseSecrets}).
 *
 * <p>PostgreSQL refuses to run as root; started by root it runs in a user namespace of its own
 * ({@code unshare -U}), without any of root's privileges.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    /** The owner role: superuser of the embedded cluster, owner of the schema, runs the migrations. */
    public static final String OWNER = "postgres";
    /** The role the service's connection pool uses. */
    public static final String SERVICE = "orgcert_service";
    static final String CLUSTER = "postgres";
    static final String RUNTIME = "postgres-runtime";
    static final String KEYS = "keys";
    private static final String HBA_MARKER = "# OrgCert: password (SCRAM) authentication only";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final int PORT_ATTEMPTS = 5;

    /** How the cluster writes to disk. */
    public enum Durability {
        /** Every acknowledged commit survives a crash or a power cut: the only setting {@code serve} uses. */
        DURABLE("on"),
        /** Faster, and loses recent commits on a crash: for test databases only, asked for explicitly. */
        TESTS_ONLY_NOT_CRASH_SAFE("off");

        private final String setting;

        Durability(String setting) {
            this.setting = setting;
        }
    }

    private final Process postmaster;
    private final Path cluster;
    private final int port;
    private final DatabaseSecrets secrets;

    private EmbeddedPostgresServer(Process postmaster, Path cluster, int port, DatabaseSecrets secrets) {
        this.postmaster = postmaster;
        this.cluster = cluster;
        this.port = port;
        this.secrets = secrets;
    }

    /**
     * Starts PostgreSQL for the data folder {@code dataFolder} (created if missing): unpacks the programs,
     * tightens the folder's permissions, creates the cluster and the passwords on first start, stops a
     * leftover server of this folder, and waits until the server takes connections.
     */
    public static EmbeddedPostgresServer start(Path dataFolder, Durability durability) {
        return start(dataFolder, durability, EmbeddedPostgresServer::freePort);
    }

    /** A source of ports that were free when asked (another program may take one before PostgreSQL binds it). */
    interface Ports {
        int next() throws IOException;
    }

    static EmbeddedPostgresServer start(Path dataFolder, Durability durability, Ports ports) {
        Path folder = dataFolder.toAbsolutePath().normalize();
        Path cluster = folder.resolve(CLUSTER);
        try {
            DataFolder.create(folder);
            Path home = PostgresBinaries.install(folder.resolve(RUNTIME));
            DataFolder.secure(folder);
            DatabaseSecrets secrets = DatabaseSecrets.loadOrCreate(folder.resolve(KEYS));
            List<String> asUser = RootlessLaunch.prefix();
            LeftoverPostmaster.clear(cluster);
            if (!Files.exists(cluster.resolve("PG_VERSION"))) {
                initdb(asUser, home, cluster, folder.resolve(KEYS).resolve(DatabaseSecrets.OWNER_FILE), durability);
            } else if (!hbaIsOurs(cluster)) {
                // A cluster made by an older version trusted every local connection: give the owner its
                // password (single-user mode, no connection possible) before password authentication starts.
                setOwnerPassword(asUser, home, cluster, secrets.owner());
            }
            Files.writeString(cluster.resolve("pg_hba.conf"), hba(), StandardCharsets.US_ASCII);
            EmbeddedPostgresServer server = startOnFreePort(asUser, home, cluster, durability, secrets, ports);
            server.ensureServiceRole();
            LOG.info("embedded PostgreSQL running on 127.0.0.1:{} with data in {} ({} commits)", server.port, cluster,
                    durability == Durability.DURABLE ? "durable" : "NOT crash-safe");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + cluster + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts the postmaster on a port that was free a moment ago. If another program bound it in between,
     * PostgreSQL exits at once ("could not bind"); the service then tries another port instead of failing to
     * start.
     */
    private static EmbeddedPostgresServer startOnFreePort(List<String> asUser, Path home, Path cluster,
            Durability durability, DatabaseSecrets secrets, Ports ports) throws IOException {
        for (int attempt = 1; ; attempt++) {
            int port = ports.next();
            Process postmaster = startPostmaster(asUser, home, cluster, port, durability);
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postmaster, cluster, port, secrets);
            try {
                server.awaitReady();
                return server;
            } catch (IOException e) {
                if (attempt == PORT_ATTEMPTS || postmaster.isAlive() || !taken(port)) {
                    throw e;
                }
                LOG.warn("port {} was taken by another program before PostgreSQL could bind it; trying another", port);
            }
        }
    }

    private static boolean taken(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return false;
        } catch (IOException inUse) {
            return true;
        }
    }

    /** The owner's login (migrations). */
    public DatabaseLogin owner() {
        return DatabaseLogin.local(port, OWNER, secrets.owner());
    }

    /** The restricted login the service runs with. */
    public DatabaseLogin service() {
        return DatabaseLogin.local(port, SERVICE, secrets.service());
    }

    /** The process id of the postmaster. */
    public long pid() {
        return postmaster.pid();
    }

    /** Stops PostgreSQL (fast shutdown: open transactions roll back, everything committed is kept). */
    @Override
    public void close() {
        if (!postmaster.isAlive()) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid())).inheritIO().start().waitFor();
            if (!postmaster.waitFor(60, TimeUnit.SECONDS)) {
                LOG.error("the embedded PostgreSQL (pid {}) did not stop within 60 s", postmaster.pid());
            }
        } catch (IOException e) {
            LOG.error("cannot stop the embedded PostgreSQL (pid {}): {}", postmaster.pid(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void initdb(List<String> asUser, Path home, Path cluster, Path ownerPasswordFile,
            Durability durability) throws IOException {
        List<String> command = new ArrayList<>(asUser);
        command.addAll(List.of(home.resolve("bin/initdb").toString(), "-D", cluster.toString(), "-U", OWNER,
                "--auth=scram-sha-256", "--pwfile=" + ownerPasswordFile, "-E", "UTF-8"));
        if (durability == Durability.TESTS_ONLY_NOT_CRASH_SAFE) {
            command.add("--no-sync");
        }
        run(command, null, "initdb");
    }

    private static void setOwnerPassword(List<String> asUser, Path home, Path cluster, String password)
            throws IOException {
        List<String> command = new ArrayList<>(asUser);
        command.addAll(List.of(home.resolve("bin/postgres").toString(), "--single", "-D", cluster.toString(),
                "-c", "listen_addresses=", "-c", "unix_socket_directories=", "-c", "password_encryption=scram-sha-256",
                OWNER));
        // The generated password is base64url: no quote can end the literal.
        run(command, "ALTER ROLE " + OWNER + " PASSWORD '" + password + "';\n", "postgres --single");
    }

    private static Process startPostmaster(List<String> asUser, Path home, Path cluster, int port,
            Durability durability) throws IOException {
        List<String> command = new ArrayList<>(asUser);
        command.addAll(List.of(home.resolve("bin/postgres").toString(), "-D", cluster.toString(),
                "-p", Integer.toString(port)));
        for (String setting : List.of("listen_addresses=127.0.0.1", "unix_socket_directories=",
                "password_encryption=scram-sha-256", "timezone=UTC", "max_connections=300",
                "fsync=" + durability.setting, "synchronous_commit=" + durability.setting,
                "full_page_writes=" + durability.setting,
                "logging_collector=on", "log_directory=log", "log_filename=postgresql-%a.log",
                "log_truncate_on_rotation=on", "log_rotation_age=1d", "log_rotation_size=0")) {
            command.add("-c");
            command.add(setting);
        }
        Path log = cluster.resolve("postmaster.log");
        if (!Files.exists(log)) {
            Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        // Detached from the service's output: PostgreSQL outlives a killed JVM (LeftoverPostmaster stops it).
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!postmaster.isAlive()) {
                throw new IOException("PostgreSQL exited with code " + postmaster.exitValue() + ": " + logTail());
            }
            try (Connection c = owner().connect()) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while PostgreSQL started", e);
            }
        }
        close();
        throw new IOException("PostgreSQL did not take connections within 60 s: " + logTail(), last);
    }

    /** Creates the service role if missing and (re)sets its rights and password, which is never sent in clear. */
    private void ensureServiceRole() throws IOException {
        try (Connection c = owner().connect(); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + SERVICE + "') THEN"
                    + " CREATE ROLE " + SERVICE + "; END IF; END $$");
            s.execute("ALTER ROLE " + SERVICE + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS");
            c.unwrap(PGConnection.class).alterUserPassword(SERVICE, secrets.service().toCharArray(), "scram-sha-256");
        } catch (SQLException e) {
            throw new IOException("cannot set up the role " + SERVICE + ": " + e.getMessage(), e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(cluster.resolve("postmaster.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static boolean hbaIsOurs(Path cluster) throws IOException {
        Path hba = cluster.resolve("pg_hba.conf");
        return Files.exists(hba) && Files.readString(hba, StandardCharsets.US_ASCII).startsWith(HBA_MARKER);
    }

    private static String hba() {
        return HBA_MARKER + "; written at every start by EmbeddedPostgresServer.\n"
                + "# No trust, no Unix socket: every connection comes over 127.0.0.1 with a password.\n"
                + "host all all 127.0.0.1/32 scram-sha-256\n";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void run(List<String> command, String input, String name) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.US_ASCII));
            }
        }
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
}
