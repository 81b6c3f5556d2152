package org.orgcert.server.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.orgcert.server.database.EmbeddedPostgresServer.Durability;

/**
 * The embedded PostgreSQL as {@code ./orgcert serve} runs it (issue 12, items 1-3, and the review's findings
 * 1 and 9): durable, password-only, no TCP but a Unix socket in a 0700 folder, a restricted service role, a data folder closed to other local users, and restarts that signal
 * nothing but this folder's own PostgreSQL. The data folder lies in /tmp, open to every user but for what the
 * service itself closes. Run as root (as in CI), PostgreSQL runs as the account {@value RootlessLaunch#ACCOUNT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedPostgresServerTest {
    private Path parent;
    private Path data;
    private EmbeddedPostgresServer server;

    @BeforeAll
    void start() throws IOException {
        parent = Files.createTempDirectory("orgcert-db-test");
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        data = parent.resolve("data");
        server = EmbeddedPostgresServer.start(data, Durability.DURABLE);
        migrate();
    }

    @AfterAll
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        try (Stream<Path> paths = Files.walk(parent)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Test
    @Order(1)
    @DisplayName("issue 12.1: the default embedded database commits durably (fsync, synchronous_commit, full_page_writes on)")
    void commitsAreDurableByDefault() throws SQLException {
        try (Connection c = server.service().connect()) {
            assertThat(setting(c, "fsync")).isEqualTo("on");
            assertThat(setting(c, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(c, "full_page_writes")).isEqualTo("on");
        }
    }

    @Test
    @Order(2)
    @DisplayName("issue 12.2: no connection without the password, even through the socket")
    void noConnectionWithoutThePassword() throws SQLException {
        DatabaseLogin owner = server.owner();
        assertThatThrownBy(() -> new DatabaseLogin(owner.jdbcUrl(), owner.user(), "").connect().close())
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> new DatabaseLogin(owner.jdbcUrl(), owner.user(), "wrong").connect().close())
                .isInstanceOf(SQLException.class);
        try (Connection c = owner.connect()) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    @Order(2)
    @DisplayName("review issue 12 findings 1, 9: no TCP listener at all, only a Unix socket in a 0700 folder of the data folder")
    void onlyAUnixSocketInAClosedFolder() throws SQLException, IOException, InterruptedException {
        // (The owner is no superuser: pg_settings hides unix_socket_directories from it; the postmaster tells.)
        // postmaster.pid: pid, data dir, start time, port, socket folder, listen address, ...
        List<String> pid = Files.readAllLines(data.resolve("postgres/postmaster.pid"), StandardCharsets.US_ASCII);
        assertThat(pid.get(4).strip()).isEqualTo(data.resolve("postgres-socket").toString());
        assertThat(pid.get(5).strip()).isEmpty();
        Process ss = new ProcessBuilder("ss", "-H", "-ltnp").redirectErrorStream(true).start();
        String listeners = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ss.waitFor()).isZero();
        assertThat(listeners).doesNotContain("pid=" + server.pid() + ",");
        Path sockets = data.resolve("postgres-socket");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sockets, LinkOption.NOFOLLOW_LINKS)))
                .isEqualTo("rwx------");
        assertThat(sockets.resolve(".s.PGSQL.5432")).exists();
        assertThat(Files.isRegularFile(sockets.resolve(".s.PGSQL.5432"))).isFalse();
    }

    @Test
    @Order(2)
    @DisplayName("review issue 12 finding 1: a data folder too deep for a socket path is refused with a clear message")
    void aDataFolderTooDeepForTheSocketIsRefused() {
        Path deep = parent.resolve("x".repeat(100));
        assertThatThrownBy(() -> EmbeddedPostgresServer.start(deep, Durability.DURABLE))
                .hasMessageContaining("too deep for the database's Unix socket")
                .hasMessageContaining("ORGCERT_DATA_DIR");
        assertThat(deep).doesNotExist();
    }

    @Test
    @Order(3)
    @DisplayName("issue 12.2: the service role is no superuser: it reads no server file, runs no program, makes no table")
    void theServiceRoleIsNoSuperuser() throws SQLException {
        try (Connection c = server.service().connect(); Statement s = c.createStatement()) {
            assertThat(query(s, "SELECT current_user")).isEqualTo(EmbeddedPostgresServer.SERVICE);
            assertThat(query(s, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user")).isEqualTo("false");
            String key = data.resolve("keys").resolve(DatabaseSecrets.OWNER_FILE).toString();
            assertDenied(s, "SELECT pg_read_binary_file('" + key + "')");
            assertDenied(s, "COPY (SELECT 1) TO PROGRAM 'cat /etc/hostname'");
            assertDenied(s, "CREATE TABLE planted (x INT)");
        }
    }

    @Test
    @Order(4)
    @DisplayName("issue 12.2: the service role only adds to audit tables, also to ones later migrations create")
    void theServiceRoleOnlyAddsToAuditTables() throws SQLException {
        try (Connection owner = server.owner().connect(); Statement s = owner.createStatement()) {
            s.execute("CREATE TABLE audit_from_a_later_migration (x INT)");
        }
        migrate(); // afterMigrate.sql applies the rule to every table there is now
        try (Connection c = server.service().connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO audit_record (occurred_at, actor, action, subject_type, subject_id, detail)"
                    + " VALUES (now(), 'test', 'TEST', 'test', '1', '')");
            assertDenied(s, "UPDATE audit_record SET detail = 'forged'");
            assertDenied(s, "DELETE FROM audit_record");
            assertDenied(s, "TRUNCATE audit_record");
            assertDenied(s, "UPDATE audit_link SET hash = hash");
            assertDenied(s, "DELETE FROM audit_link");
            assertDenied(s, "DELETE FROM audit_chain"); // the head row may move (UPDATE), never go
            s.execute("INSERT INTO audit_from_a_later_migration VALUES (1)");
            assertDenied(s, "UPDATE audit_from_a_later_migration SET x = 2");
            assertDenied(s, "DELETE FROM audit_from_a_later_migration");
            // Other tables are the service's to change.
            assertThat(query(s, "SELECT has_table_privilege('employer', 'UPDATE')::text")).isEqualTo("true");
        }
    }

    @Test
    @Order(5)
    @DisplayName("issue 12.2: nothing in the data folder is open to others; only PostgreSQL's account's group passes the folder and runs the programs")
    void nothingInTheDataFolderIsOpenToOthers() throws IOException {
        List<String> open = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(data)) {
            paths.filter(p -> !Files.isSymbolicLink(p)).forEach(p -> {
                try {
                    PosixFileAttributes attributes = Files.readAttributes(p, PosixFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    String text = PosixFilePermissions.toString(attributes.permissions());
                    boolean groupMayRead = isRoot() && attributes.group().getName().equals(RootlessLaunch.ACCOUNT)
                            && (p.equals(data) || p.startsWith(data.resolve(EmbeddedPostgresServer.RUNTIME)));
                    String allowed = p.equals(data) && groupMayRead ? "rwx--x---"
                            : Files.isDirectory(p) ? (groupMayRead ? "rwxr-x---" : "rwx------") : null;
                    boolean ok = allowed != null ? text.equals(allowed)
                            : text.endsWith("---") && (groupMayRead ? text.charAt(4) == '-' : text.endsWith("------"));
                    if (!ok) {
                        open.add(data.relativize(p) + " " + text + " " + attributes.group().getName());
                    }
                } catch (IOException e) {
                    // vanished meanwhile (PostgreSQL's temporary files)
                }
            });
        }
        assertThat(open).isEmpty();
    }

    @Test
    @Order(5)
    @DisplayName("review issue 12 finding 1: started by root, PostgreSQL runs as " + RootlessLaunch.ACCOUNT
            + " (never kernel uid 0): its superuser reads no key and makes no root-owned file")
    void postgresNeverRunsAsKernelRoot() throws Exception {
        assumeTrue(isRoot(), "only a service run by root hands PostgreSQL to another account");
        int uid = Integer.parseInt(run("id", "-u", RootlessLaunch.ACCOUNT).strip());
        assertThat(uid).isNotZero();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(server.pid()), "status"))) {
            if (line.startsWith("Uid:") || line.startsWith("Gid:")) {
                assertThat(line.substring(4).strip().split("\\s+")).as(line).doesNotContain("0");
            }
            if (line.startsWith("Uid:")) {
                assertThat(line.substring(4).strip().split("\\s+")).containsOnly(Integer.toString(uid));
            }
        }
        assertOwnedBy(data.resolve("postgres"), RootlessLaunch.ACCOUNT, "rwx------");
        assertOwnedBy(data.resolve("postgres-socket"), RootlessLaunch.ACCOUNT, "rwx------");
        assertOwnedBy(data.resolve("keys"), "root", "rwx------");
        assertOwnedBy(data, "root", "rwx--x---");
        assertThat(Files.readAttributes(data, PosixFileAttributes.class).group().getName()).isEqualTo(RootlessLaunch.ACCOUNT);
        // Even the cluster's superuser, were it to log in, is that account: it cannot read keys/.
        Result read = as(RootlessLaunch.ACCOUNT, "cat", data.resolve("keys").resolve(DatabaseSecrets.OWNER_FILE).toString());
        assertThat(read.exit()).isNotZero();
        assertThat(read.output()).contains("Permission denied");
    }

    @Test
    @Order(3)
    @DisplayName("review issue 12 finding 2: no role that logs in is a superuser; the owner reads no server file and"
            + " runs no program; the bootstrap superuser has no password; administrators read with a SELECT-only role")
    void noSuperuserLogsIn() throws SQLException, IOException {
        try (Connection c = server.owner().connect(); Statement s = c.createStatement()) {
            assertThat(query(s, "SELECT current_user")).isEqualTo(EmbeddedPostgresServer.OWNER);
            assertThat(query(s, "SELECT string_agg(rolname, ',' ORDER BY rolname) FROM pg_roles WHERE rolsuper"))
                    .isEqualTo("postgres");
            String key = data.resolve("keys").resolve("audit-mac.key").toString();
            assertDenied(s, "SELECT pg_read_binary_file('" + key + "')");
            assertDenied(s, "COPY (SELECT 1) TO PROGRAM 'cat /etc/hostname'");
            assertDenied(s, "CREATE ROLE planted SUPERUSER LOGIN");
        }
        String ownerPassword = server.owner().password();
        for (String password : List.of("", ownerPassword)) {
            assertThatThrownBy(() -> new DatabaseLogin(server.owner().jdbcUrl(), "postgres", password).connect().close())
                    .isInstanceOf(SQLException.class);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                data.resolve("keys").resolve(DatabaseSecrets.READER_FILE)))).isEqualTo("rw-------");
        try (Connection c = server.reader().connect(); Statement s = c.createStatement()) {
            assertThat(query(s, "SELECT count(*)::text FROM audit_record")).isNotNull();
            assertThat(query(s, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user")).isEqualTo("false");
            assertDenied(s, "INSERT INTO audit_record (occurred_at, actor, action, subject_type, subject_id, detail)"
                    + " VALUES (now(), 'test', 'TEST', 'test', '1', '')");
            assertDenied(s, "UPDATE employer SET name = name");
            assertDenied(s, "SELECT count(*) FROM spring_session");
            assertDenied(s, "CREATE TABLE planted (x INT)");
        }
    }

    @Test
    @Order(6)
    @DisplayName("issue 12.2: another local user (nobody) reaches neither the database, nor the keys, nor the programs")
    void anotherLocalUserReachesNothing() throws IOException, InterruptedException {
        assumeTrue(isRoot(), "needs root to act as the user nobody");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser")),
                "runuser is not installed");
        Path runtime = data.resolve(EmbeddedPostgresServer.RUNTIME);
        Path key = data.resolve("keys").resolve(DatabaseSecrets.OWNER_FILE);
        assertThat(asNobody("cat", key.toString()).exit()).isNotZero();
        assertThat(asNobody("ls", runtime.toString()).exit()).isNotZero();
        assertThat(asNobody("sh", "-c", "echo planted > " + runtime.resolve("planted")).exit()).isNotZero();
        assertThat(runtime.resolve("planted")).doesNotExist();
        // PostgreSQL's own account passes through the data folder to its cluster, and sees nothing else.
        assertThat(as(RootlessLaunch.ACCOUNT, "cat", key.toString()).exit()).isNotZero();
        assertThat(as(RootlessLaunch.ACCOUNT, "ls", data.resolve("keys").toString()).exit()).isNotZero();
        assertThat(as(RootlessLaunch.ACCOUNT, "ls", data.toString()).exit()).isNotZero();
        Path psql = Path.of("/usr/bin/psql");
        assumeTrue(Files.isExecutable(psql), "psql is not installed: the connection attempt was not made");
        // The owner's password would not even be asked for: the socket's folder is closed to nobody.
        Result connect = asNobody(psql.toString(), "-h", data.resolve("postgres-socket").toString(), "-p", "5432",
                "-U", "postgres", "-w", "-c", "SELECT 1", "postgres");
        assertThat(connect.exit()).isNotZero();
        assertThat(connect.output()).contains("Permission denied");
    }

    @Test
    @Order(7)
    @DisplayName("issue 12.3: a stale postmaster.pid naming another process: that process is not signalled")
    void aStalePidFileNeverSignalsAnotherProcess() throws IOException, InterruptedException {
        server.close();
        Process bystander = new ProcessBuilder("sleep", "300").start();
        try {
            Files.writeString(data.resolve("postgres/postmaster.pid"), bystander.pid() + "\n" + data.resolve("postgres")
                    + "\n1700000000\n5432\n\n127.0.0.1\n  1234  5678\nready   \n", StandardCharsets.US_ASCII);
            server = EmbeddedPostgresServer.start(data, Durability.DURABLE);
            assertThat(bystander.isAlive()).isTrue();
        } finally {
            bystander.destroyForcibly();
        }
    }

    @Test
    @Order(8)
    @DisplayName("issue 12.3: this folder's own PostgreSQL left running (service killed) is stopped at the next start")
    void aLeftoverPostgresOfThisFolderIsStopped() {
        long leftover = server.pid();
        server = EmbeddedPostgresServer.start(data, Durability.DURABLE); // as if the JVM had been killed
        assertThat(ProcessHandle.of(leftover).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(server.pid()).isNotEqualTo(leftover);
    }

    @Test
    @Order(9)
    @DisplayName("review issue 12 finding 2: a cluster whose tables the superuser owns (older versions) passes them to the owner role at the next start")
    void anOlderClustersObjectsPassToTheOwner() throws IOException, SQLException, InterruptedException {
        server.close();
        Path home;
        try (Stream<Path> homes = Files.list(data.resolve(EmbeddedPostgresServer.RUNTIME))) {
            home = homes.filter(p -> p.getFileName().toString().startsWith("PG-")).findFirst().orElseThrow();
        }
        List<String> single = new ArrayList<>(RootlessLaunch.prefix(RootlessLaunch.account()));
        single.addAll(List.of(home.resolve("bin/postgres").toString(), "--single", "-D", data.resolve("postgres").toString(),
                "-c", "listen_addresses=", "-c", "unix_socket_directories=", "postgres"));
        Process legacy = new ProcessBuilder(single).directory(new java.io.File("/")).redirectErrorStream(true).start();
        legacy.getOutputStream().write(("CREATE TABLE legacy_made_by_superuser (id SERIAL PRIMARY KEY)\n"
                + "CREATE FUNCTION legacy_function() RETURNS int LANGUAGE sql AS 'SELECT 1'\n").getBytes(StandardCharsets.US_ASCII));
        legacy.getOutputStream().close();
        String output = new String(legacy.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(legacy.waitFor()).as(output).isZero();
        server = EmbeddedPostgresServer.start(data, Durability.DURABLE);
        try (Connection c = server.owner().connect(); Statement s = c.createStatement()) {
            assertThat(query(s, "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'legacy_made_by_superuser'"))
                    .isEqualTo(EmbeddedPostgresServer.OWNER);
            assertThat(query(s, "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'legacy_made_by_superuser_id_seq'"))
                    .isEqualTo(EmbeddedPostgresServer.OWNER);
            assertThat(query(s, "SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE proname = 'legacy_function'"))
                    .isEqualTo(EmbeddedPostgresServer.OWNER);
            s.execute("DROP TABLE legacy_made_by_superuser");
            s.execute("DROP FUNCTION legacy_function()");
        }
    }

    @Test
    @Order(10)
    @DisplayName("issue 12.1: every acknowledged commit survives PostgreSQL being killed")
    void acknowledgedCommitsSurviveAKill() throws SQLException, InterruptedException {
        int commits = 300;
        try (Connection c = server.owner().connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE crash_probe (n INT)");
            for (int i = 0; i < commits; i++) {
                s.execute("INSERT INTO crash_probe VALUES (" + i + ")"); // autocommit: one commit each
            }
        }
        ProcessHandle postmaster = ProcessHandle.of(server.pid()).orElseThrow();
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(postmaster);
        all.forEach(ProcessHandle::destroyForcibly); // SIGKILL: no shutdown checkpoint, no WAL flush
        for (ProcessHandle process : all) {
            process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        }
        server = EmbeddedPostgresServer.start(data, Durability.DURABLE);
        try (Connection c = server.owner().connect(); Statement s = c.createStatement()) {
            assertThat(query(s, "SELECT count(*)::text FROM crash_probe")).isEqualTo(Integer.toString(commits));
        }
    }

    private void migrate() {
        DatabaseLogin owner = server.owner();
        Flyway.configure().dataSource(owner.jdbcUrl(), owner.user(), owner.password())
                .locations("classpath:db/migration").load().migrate();
    }

    private static String setting(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement()) {
            return query(s, "SELECT setting FROM pg_settings WHERE name = '" + name + "'");
        }
    }

    private static String query(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void assertDenied(Statement s, String sql) {
        assertThatThrownBy(() -> s.execute(sql)).isInstanceOf(SQLException.class)
                .hasMessageContaining("denied");
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Result asNobody(String... command) throws IOException, InterruptedException {
        return as("nobody", command);
    }

    private static Result as(String user, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", user, "--"));
        full.addAll(List.of(command));
        Process process = new ProcessBuilder(full).redirectErrorStream(true).directory(new java.io.File("/")).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return new Result(process.exitValue(), output);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    private static void assertOwnedBy(Path path, String owner, String mode) throws IOException {
        assertThat(Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName()).as(path.toString()).isEqualTo(owner);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)))
                .as(path.toString()).isEqualTo(mode);
    }

    private record Result(int exit, String output) {
    }
}
