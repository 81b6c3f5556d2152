package org.orgcert.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service as a bureau runs it, in its own process on its own data folder, for the crash harness: started
 * (optionally with the clock moved forward by libfaketime, so that renewals open), killed with SIGKILL together
 * with its PostgreSQL, stopped, and checked with {@code audit-verify}.
 */
final class CrashService {
    /** Debian's libfaketime (package {@code faketime}): moves the wall clock of the service and its PostgreSQL. */
    static final Path FAKETIME = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1");

    private final List<String> launch;
    private final Path data;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;
    private int daysAhead;

    /** @param launch how to start the service: {@code java -jar <exec jar>} or {@code java -cp … OrgCertApplication} */
    CrashService(List<String> launch, Path data, int port) {
        this.launch = List.copyOf(launch);
        this.data = data;
        this.port = port;
    }

    Path data() {
        return data;
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** From now on the service's clock runs {@code days} ahead (0: the real clock). */
    void clockAhead(int days) {
        if (days > 0 && !Files.isReadable(FAKETIME)) {
            throw new IllegalStateException("renewal rounds need libfaketime: apt-get install faketime");
        }
        this.daysAhead = days;
    }

    /** Starts the service and waits until it answers its health check with 200 (UP, or WARN for the calendar). */
    void start(String logName) throws Exception {
        Path log = data.resolve(logName + ".log");
        process = builder(List.of("--orgcert.demo=true")).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.getLong("crash.start-timeout", 900));
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service did not start; see " + log);
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(url("/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service did not answer healthy in time; see " + log);
    }

    /**
     * SIGKILL to the service, its PostgreSQL and every PostgreSQL process (WAL writer, backends) at once: what a
     * power cut does to the processes. Killing the postmaster alone would let its WAL writer flush what it holds.
     */
    void kill() throws Exception {
        Path pid = data.resolve("postgres").resolve("postmaster.pid");
        List<ProcessHandle> victims = new ArrayList<>();
        if (Files.exists(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).get(0).strip())).ifPresent(postmaster -> {
                victims.add(postmaster);
                postmaster.descendants().forEach(victims::add);
            });
        }
        victims.add(process.toHandle());
        process.toHandle().descendants().forEach(victims::add);
        victims.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(30, TimeUnit.SECONDS);
        for (ProcessHandle victim : victims) {
            victim.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    void stop() throws Exception {
        process.destroy();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    /** {@code audit-verify} beside the running service: 0 intact, 1 broken, 2 could not check. */
    int auditVerify() throws Exception {
        Process verify = builder(List.of("--orgcert.command=audit-verify", "--server.port=-1",
                "--db-scheduler.enabled=false", "--logging.level.root=WARN"))
                .redirectOutput(data.resolve("audit-verify.log").toFile()).start();
        return verify.waitFor(300, TimeUnit.SECONDS) ? verify.exitValue() : -1;
    }

    /** The staff logins the demo wrote: {@code user (ROLE…): password}. */
    Map<String, String> demoLogins() throws IOException {
        Map<String, String> logins = new HashMap<>();
        for (String line : Files.readAllLines(data.resolve("demo-logins.txt"))) {
            int colon = line.indexOf(": ");
            int space = line.indexOf(' ');
            if (!line.startsWith("#") && colon > 0 && space > 0) {
                logins.put(line.substring(0, space), line.substring(colon + 2).strip());
            }
        }
        return logins;
    }

    /**
     * The database's owner, as an operator connects: through the embedded server's Unix socket (it listens on
     * no TCP port), with the generated password.
     */
    Connection owner() throws Exception {
        Path socket = data.resolve("postgres-socket").resolve(".s.PGSQL.5432").toAbsolutePath();
        String password = Files.readString(data.resolve("keys").resolve("database-owner.password")).strip();
        return DriverManager.getConnection("jdbc:postgresql://localhost/postgres"
                + "?socketFactory=org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg"
                + "&socketFactoryArg=" + URLEncoder.encode(socket.toString(), StandardCharsets.UTF_8)
                + "&sslmode=disable", "orgcert_owner", password);
    }

    private ProcessBuilder builder(List<String> arguments) {
        List<String> command = new ArrayList<>(launch);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("ORGCERT_DATA_DIR", data.toString());
        env.put("SERVER_PORT", Integer.toString(port));
        if (daysAhead > 0) {
            env.put("LD_PRELOAD", FAKETIME.toString());
            // The monotonic clock moves by the same constant: exempting it makes the JVM's timed waits spin.
            env.put("FAKETIME", "+" + daysAhead + "d");
        }
        return builder;
    }
}
