package org.orgcert.server.database;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-set-up database: the PostgreSQL shipped in the jar, run by the service with its cluster in
 * {@code <data dir>/postgres} and kept across restarts.
 *
 * <p>Set up as a production server, not a test fixture: commits are durable ({@code fsync},
 * {@code synchronous_commit} and {@code full_page_writes} on) unless a test asks for
 * {@link Durability#TESTS_ONLY_NOT_CRASH_SAFE}; it listens on no TCP address at all, only on a Unix socket in
 * {@code <data dir>/postgres-socket} (0700: no other local user can reach it, so none can squat on it, ask
 * for a password or fill the connection slots), and every connection needs a password (SCRAM) even there;
 * the service connects as {@value #SERVICE}, a role that is no superuser and may only
 * add to the audit tables ({@code db/migration/afterMigrate.sql}), while migrations run as the schema's owner
 * {@value #OWNER}, no superuser either; administrators query as {@value #READER} (SELECT only). The cluster's
 * superuser {@value #BOOTSTRAP} has no password and never logs in. The passwords are generated into
 * {@code <data dir>/keys} ({@link DatabaseSecrets}).
 *
 * <p>PostgreSQL never runs with kernel uid 0: started by root it runs as the unprivileged system account
 * {@value RootlessLaunch#ACCOUNT}, which owns the cluster and the socket folder and cannot read {@code keys/}
 * ({@link RootlessLaunch}, {@link DatabaseFolders}).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    /**
     * The cluster's bootstrap superuser: it has no password, so it never logs in; the service uses it only in
     * single-user mode (no connection possible) at each start, to set up the roles below.
     */
    static final String BOOTSTRAP = "postgres";
    /** The owner role: owner of the database and the schema, runs the migrations; no superuser. */
    public static final String OWNER = "orgcert_owner";
    /** The role administrators query the database with: SELECT only ({@code db/migration/afterMigrate.sql}). */
    public static final String READER = "orgcert_reader";
    /** The role the service's connection pool uses. */
    public static final String SERVICE = "orgcert_service";
    static final String CLUSTER = "postgres";
    static final String RUNTIME = "postgres-runtime";
    static final String KEYS = "keys";
    /** The folder of the server's one Unix socket, {@code .s.PGSQL.5432}. */
    static final String SOCKETS = "postgres-socket";
    /** Only names the socket file: the server listens on no TCP port. */
    static final int PORT = 5432;
    /** sun_path holds 108 bytes with the terminating zero. */
    private static final int SOCKET_PATH_MAX = 107;
    private static final String HBA_MARKER = "# OrgCert: password (SCRAM) authentication only";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

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
    private final Path socket;
    private final DatabaseSecrets secrets;

    private EmbeddedPostgresServer(Process postmaster, Path cluster, Path socket, DatabaseSecrets secrets) {
        this.postmaster = postmaster;
        this.cluster = cluster;
        this.socket = socket;
        this.secrets = secrets;
    }

    /**
     * Starts PostgreSQL for the data folder {@code dataFolder} (created if missing): unpacks the programs,
     * tightens the folder's permissions, creates the cluster and the passwords on first start, stops a
     * leftover server of this folder, and waits until the server takes connections.
     */
    public static EmbeddedPostgresServer start(Path dataFolder, Durability durability) {
        Path folder = dataFolder.toAbsolutePath().normalize();
        Path cluster = folder.resolve(CLUSTER);
        try {
            Path socket = socketFile(folder);
            DataFolder.create(folder);
            Path home = PostgresBinaries.install(folder.resolve(RUNTIME));
            Files.createDirectories(socket.getParent(), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            DataFolder.secure(folder);
            DatabaseSecrets secrets = DatabaseSecrets.loadOrCreate(folder.resolve(KEYS));
            Optional<RootlessLaunch.Account> account = RootlessLaunch.account();
            if (account.isPresent()) {
                DatabaseFolders.grant(folder, account.get(), cluster, socket.getParent(), folder.resolve(RUNTIME));
            }
            List<String> asUser = RootlessLaunch.prefix(account);
            LeftoverPostmaster.clear(cluster);
            if (!Files.exists(cluster.resolve("PG_VERSION"))) {
                initdb(asUser, home, cluster, durability);
            }
            // Every start, before any connection is possible: the roles, their rights and their passwords from
            // keys/ (through stdin: PostgreSQL's account cannot read keys/). This also moves a cluster made by an
            // older version (superuser owner with a password, or trust) to the roles below.
            setUpRoles(asUser, home, cluster, secrets);
            Files.writeString(cluster.resolve("pg_hba.conf"), hba(), StandardCharsets.US_ASCII);
            Process postmaster = startPostmaster(asUser, home, cluster, socket.getParent(), durability);
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postmaster, cluster, socket, secrets);
            server.awaitReady();
            LOG.info("embedded PostgreSQL running on the Unix socket {} (no TCP) with data in {} ({} commits)",
                    socket, cluster, durability == Durability.DURABLE ? "durable" : "NOT crash-safe");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + cluster + ": " + e.getMessage(), e);
        }
    }

    /**
     * The socket file of the data folder {@code folder}'s server. The kernel takes at most
     * {@value #SOCKET_PATH_MAX} bytes for a socket's path: a data folder too deep for that is refused with a
     * message, not moved elsewhere (the socket stays under the folder it protects).
     */
    static Path socketFile(Path folder) {
        Path socket = folder.toAbsolutePath().normalize().resolve(SOCKETS).resolve(".s.PGSQL." + PORT);
        int length = socket.toString().getBytes(StandardCharsets.UTF_8).length;
        if (length > SOCKET_PATH_MAX) {
            throw new IllegalStateException("the data folder " + folder + " is too deep for the database's Unix"
                    + " socket (" + socket + " has " + length + " bytes, the kernel takes " + SOCKET_PATH_MAX
                    + "); choose a shorter ORGCERT_DATA_DIR");
        }
        if (socket.toString().matches(".*[,\"\\\\\\s].*")) {
            throw new IllegalStateException("the data folder's path " + folder + " contains a comma, quote, backslash"
                    + " or blank, which PostgreSQL's list of socket folders cannot hold; choose another ORGCERT_DATA_DIR");
        }
        return socket;
    }

    /** The owner's login (migrations). */
    public DatabaseLogin owner() {
        return DatabaseLogin.local(socket, OWNER, secrets.owner());
    }

    /** The read-only login for administrators. */
    public DatabaseLogin reader() {
        return DatabaseLogin.local(socket, READER, secrets.reader());
    }

    /** The restricted login the service runs with. */
    public DatabaseLogin service() {
        return DatabaseLogin.local(socket, SERVICE, secrets.service());
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

    private static void initdb(List<String> asUser, Path home, Path cluster, Durability durability)
            throws IOException {
        List<String> command = new ArrayList<>(asUser);
        command.addAll(List.of(home.resolve("bin/initdb").toString(), "-D", cluster.toString(), "-U", BOOTSTRAP,
                "--auth=reject", "-E", "UTF-8"));
        if (durability == Durability.TESTS_ONLY_NOT_CRASH_SAFE) {
            command.add("--no-sync");
        }
        run(command, null, "initdb");
    }

    private static void setUpRoles(List<String> asUser, Path home, Path cluster, DatabaseSecrets secrets)
            throws IOException {
        List<String> command = new ArrayList<>(asUser);
        command.addAll(List.of(home.resolve("bin/postgres").toString(), "--single", "-D", cluster.toString(),
                "-c", "listen_addresses=", "-c", "unix_socket_directories=", "-c", "password_encryption=scram-sha-256",
                // A failing statement is not echoed into the output (an exception message): it holds passwords.
                "-c", "log_min_error_statement=panic", BOOTSTRAP));
        run(command, String.join("\n", roleStatements(secrets)) + "\n", "postgres --single");
    }

    /** One statement a line (single-user mode ends a statement at the line's end). */
    static List<String> roleStatements(DatabaseSecrets secrets) {
        List<String> sql = new ArrayList<>();
        // The generated passwords are base64url: no quote can end the literal.
        for (String[] role : List.of(new String[] {OWNER, secrets.owner()}, new String[] {SERVICE, secrets.service()},
                new String[] {READER, secrets.reader()})) {
            sql.add("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role[0] + "') THEN"
                    + " CREATE ROLE " + role[0] + "; END IF; END $$;");
            sql.add("ALTER ROLE " + role[0] + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
                    + " PASSWORD '" + role[1] + "';");
        }
        sql.add("ALTER ROLE " + BOOTSTRAP + " PASSWORD NULL;");
        sql.add("ALTER DATABASE postgres OWNER TO " + OWNER + ";");
        sql.add("ALTER SCHEMA public OWNER TO " + OWNER + ";");
        // What an older version's migrations made as the superuser passes to the owner (a sequence of a column
        // goes with its table).
        sql.add("DO $$ DECLARE o RECORD; BEGIN"
                + " FOR o IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c"
                + " WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')"
                + " AND c.relowner <> '" + OWNER + "'::regrole"
                + " AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
                + " AND d.objid = c.oid AND d.deptype IN ('a', 'i')) LOOP"
                + " EXECUTE format('ALTER %s %s OWNER TO " + OWNER + "', CASE o.relkind WHEN 'S' THEN 'SEQUENCE'"
                + " WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE'"
                + " ELSE 'TABLE' END, o.name); END LOOP;"
                + " FOR o IN SELECT p.oid::regprocedure AS name FROM pg_proc p"
                + " WHERE p.pronamespace = 'public'::regnamespace AND p.proowner <> '" + OWNER + "'::regrole LOOP"
                + " EXECUTE format('ALTER ROUTINE %s OWNER TO " + OWNER + "', o.name); END LOOP;"
                + " FOR o IN SELECT t.oid::regtype AS name FROM pg_type t"
                + " WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd')"
                + " AND t.typowner <> '" + OWNER + "'::regrole LOOP"
                + " EXECUTE format('ALTER TYPE %s OWNER TO " + OWNER + "', o.name); END LOOP; END $$;");
        return sql;
    }

    private static Process startPostmaster(List<String> asUser, Path home, Path cluster, Path sockets,
            Durability durability) throws IOException {
        List<String> command = new ArrayList<>(asUser);
        command.addAll(List.of(home.resolve("bin/postgres").toString(), "-D", cluster.toString(),
                "-p", Integer.toString(PORT)));
        // No TCP at all: a port on 127.0.0.1 can be taken first or flooded by any local user. The socket's
        // folder is 0700, so only the service's own user reaches it; a half-open login is dropped after 10 s.
        for (String setting : List.of("listen_addresses=", "unix_socket_directories=" + sockets,
                "unix_socket_permissions=0700", "authentication_timeout=10s",
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
        return new ProcessBuilder(command).directory(Path.of("/").toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
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

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(cluster.resolve("postmaster.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static String hba() {
        return HBA_MARKER + "; written at every start by EmbeddedPostgresServer.\n"
                + "# No trust, no TCP: every connection comes over the 0700 Unix socket, with a password.\n"
                + "# The bootstrap superuser never logs in; it has no password either.\n"
                + "local all " + BOOTSTRAP + " reject\n"
                + "local all all scram-sha-256\n";
    }

    private static void run(List<String> command, String input, String name) throws IOException {
        // From "/": PostgreSQL's account may be unable to enter the service's working folder.
        Process process = new ProcessBuilder(command).directory(Path.of("/").toFile()).redirectErrorStream(true).start();
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
