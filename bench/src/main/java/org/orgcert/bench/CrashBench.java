package org.orgcert.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.orgcert.pki.name.Uscc;

/**
 * The crash harness (issue 12): the real service ({@code java -jar} the exec jar, embedded PostgreSQL, its own data
 * folder) produces applications for parallel API clients while it and its PostgreSQL are killed with SIGKILL at
 * random moments, restarted, again and again. Then it checks, against the database and the USB-key stock: every
 * result the service acknowledged (200 PRODUCED with a serial) is still there; every USB key used names a
 * certificate the database holds signed (nothing signed without its record); every key taken from stock is
 * used or discarded; every application is in a state of the table. Prints {@code <name> <value> <unit>}.
 *
 * <p>Usage: {@code bench/run crash} (long form, {@code -Dcrash.rounds=8}); the exec jar is built first.
 */
public final class CrashBench {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern SERIAL = Pattern.compile("\"certificateSerial\"\\s*:\\s*\"([0-9a-fA-F]+)\"");
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final Pattern MATERIALS = Pattern.compile("\"requiredMaterials\"\\s*:\\s*\\[([^\\]]*)\\]");
    private static final Set<String> STATES = Set.of("SUBMITTED", "FORWARDED", "RECEIVED", "UNDER_REVIEW",
            "RETURNED_FOR_MERGE", "AWAITING_PHONE_CONFIRMATION", "APPROVED", "AWAITING_PAYMENT", "IN_PRODUCTION",
            "PRODUCED", "HANDED_OVER", "SHIPPED", "DELIVERED", "AT_WINDOW", "NOTIFIED", "COLLECTED",
            "RETURNED_AND_CANCELLED", "WITHDRAWN", "DECLINED", "REJECTED");

    private final Path jar;
    private final Path data;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final AtomicInteger employers = new AtomicInteger(new Random().nextInt(1_000_000) * 10);
    private Map<String, String> logins = Map.of();
    private Process service;

    private CrashBench(Path jar, Path data, int port) {
        this.jar = jar;
        this.data = data;
        this.port = port;
    }

    public static void main(String[] args) throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of(args.length > 0 ? args[0] : "server/target"))) {
            jar = files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build the service first (mvn package -pl server -am)"));
        }
        int rounds = Integer.getInteger("crash.rounds", 5);
        int clients = Integer.getInteger("crash.clients", 4);
        CrashBench bench = new CrashBench(jar, Files.createTempDirectory("orgcert-crash"), freePort());
        for (String line : bench.run(rounds, clients)) {
            System.out.println(line);
        }
    }

    List<String> run(int rounds, int clients) throws Exception {
        Random random = new Random(Long.getLong("crash.seed", 20261207L));
        for (int round = 0; round < rounds; round++) {
            start(round);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Thread client = new Thread(() -> produceUntil(stop));
                client.start();
                threads.add(client);
            }
            Thread.sleep(3_000 + random.nextInt(12_000));
            kill();
            stop.set(true);
            for (Thread client : threads) {
                client.join();
            }
        }
        start(rounds);
        // The sweep of keys taken by productions that died runs at start-up; give it its moment.
        Thread.sleep(5_000);
        List<String> figures = check(rounds);
        stopGracefully();
        return figures;
    }

    /** Starts the service on the data folder; the first start loads the demo for its staff logins. */
    private void start(int round) throws Exception {
        Path log = data.resolve("service-" + round + ".log");
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", jar.toString(), "--orgcert.demo=true")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("ORGCERT_DATA_DIR", data.toString());
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        service = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.getLong("crash.start-timeout", 900));
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service did not start; see " + log);
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(url("/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("UP")) {
                    if (logins.isEmpty()) {
                        logins = readLogins();
                    }
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the service did not answer healthy in time; see " + log);
    }

    /** SIGKILL to the service and to its PostgreSQL: what a power cut does to both at once. */
    private void kill() throws Exception {
        Path pid = data.resolve("postgres").resolve("postmaster.pid");
        String postmaster = Files.exists(pid) ? Files.readAllLines(pid).get(0).strip() : null;
        service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        if (postmaster != null) {
            new ProcessBuilder("kill", "-9", postmaster).start().waitFor(10, TimeUnit.SECONDS);
        }
        Thread.sleep(1_000);
    }

    private void stopGracefully() throws Exception {
        service.destroy();
        service.waitFor(60, TimeUnit.SECONDS);
    }

    /** One client: applications from submission to 200 PRODUCED, each acknowledged one remembered. */
    private void produceUntil(AtomicBoolean stop) {
        while (!stop.get()) {
            try {
                String uscc = Uscc.complete("91", "530102", String.format("%08d", employers.incrementAndGet())).value();
                String created = call("ca-clerk", "POST", "/api/v1/applications", "application/json", "{\"kind\":\"NEW\","
                        + "\"employerName\":\"昆明市崩溃测试有限公司\",\"uscc\":\"" + uscc + "\",\"category\":"
                        + "\"ENTERPRISE_OR_INDIVIDUAL_BUSINESS\",\"legalRepresentative\":\"张三\",\"legalRepInPerson\":true,"
                        + "\"agentName\":\"张三\",\"channel\":\"CA_HALL\",\"delivery\":\"ON_THE_SPOT\"}");
                String id = find(ID, created);
                call("ca-clerk", "POST", "/api/v1/applications/" + id + "/events/RECEIVE", "application/json", "{}");
                call("reviewer", "POST", "/api/v1/applications/" + id + "/events/START_REVIEW", "application/json", "{}");
                for (String item : find(MATERIALS, created).replace("\"", "").split(",")) {
                    call("reviewer", "POST", "/api/v1/applications/" + id + "/materials/" + item.strip(), null, null);
                }
                call("reviewer", "POST", "/api/v1/registry/import", "text/csv",
                        "record_id,uscc,name,legal_representative,insuring_division\nC-" + uscc + "," + uscc
                                + ",昆明市崩溃测试有限公司,张三,530102\n");
                call("reviewer", "POST", "/api/v1/applications/" + id + "/review/check", null, null);
                call("reviewer", "POST", "/api/v1/applications/" + id + "/events/APPROVE", "application/json", "{}");
                String produced = call("operator", "POST", "/api/v1/applications/" + id + "/produce", null, null);
                acknowledged.put(id, find(SERIAL, produced).toLowerCase());
            } catch (Exception stoppedOrKilled) {
                // The service died under this client (that is the point) or refused: next application.
            }
        }
    }

    private List<String> check(int rounds) throws Exception {
        int lost = 0;
        for (Map.Entry<String, String> ack : acknowledged.entrySet()) {
            String body = call("bureau", "GET", "/api/v1/applications/" + ack.getKey(), null, null);
            Matcher serial = SERIAL.matcher(body);
            if (!serial.find() || !serial.group(1).equalsIgnoreCase(ack.getValue())) {
                lost++;
            }
        }
        int signedUnrecorded = 0;
        int unaccounted = 0;
        int illegal = 0;
        Set<String> tokenFiles = new HashSet<>();
        try (Stream<Path> files = Files.list(data.resolve("tokens"))) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".token"))
                    .forEach(n -> tokenFiles.add(n.substring(0, n.length() - ".token".length())));
        }
        try (Connection db = owner()) {
            Map<String, String> ledger = new HashMap<>();
            try (ResultSet rs = db.createStatement().executeQuery("SELECT token_serial, state FROM token_ledger")) {
                while (rs.next()) {
                    ledger.put(rs.getString(1), rs.getString(2));
                }
            }
            for (String token : tokenFiles) {
                String state = ledger.get(token);
                if (state == null || state.equals("TAKEN")) {
                    unaccounted++;
                }
            }
            unaccounted += (int) ledger.values().stream().filter("TAKEN"::equals).count();
            try (ResultSet rs = db.createStatement().executeQuery("SELECT count(*) FROM token_ledger l WHERE"
                    + " l.state = 'USED' AND NOT EXISTS (SELECT 1 FROM certificate c WHERE c.serial = l.certificate_serial"
                    + " AND c.der IS NOT NULL)")) {
                rs.next();
                signedUnrecorded = rs.getInt(1);
            }
            try (ResultSet rs = db.createStatement().executeQuery("SELECT state FROM application")) {
                while (rs.next()) {
                    illegal += STATES.contains(rs.getString(1)) ? 0 : 1;
                }
            }
        }
        int auditExit = auditVerify();
        return List.of("crash.rounds " + rounds + " rounds",
                "crash.acknowledged " + acknowledged.size() + " applications",
                "crash.acknowledged.lost " + lost + " applications",
                "crash.signed-unrecorded " + signedUnrecorded + " certificates",
                "crash.tokens.unaccounted " + unaccounted + " tokens",
                "crash.tokens.in-stock-folder " + tokenFiles.size() + " tokens",
                "crash.applications.illegal-state " + illegal + " applications",
                "crash.audit-verify.exit " + auditExit + " code");
    }

    /** {@code audit-verify} beside the running service: 0 intact. */
    private int auditVerify() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", jar.toString(), "--orgcert.command=audit-verify",
                "--server.port=-1", "--db-scheduler.enabled=false", "--logging.level.root=WARN")
                .redirectErrorStream(true).redirectOutput(data.resolve("audit-verify.log").toFile());
        builder.environment().put("ORGCERT_DATA_DIR", data.toString());
        Process verify = builder.start();
        return verify.waitFor(300, TimeUnit.SECONDS) ? verify.exitValue() : -1;
    }

    /** The database's owner, as an operator would connect: the port from postmaster.pid, the generated password. */
    private Connection owner() throws Exception {
        List<String> pid = Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid"));
        String password = Files.readString(data.resolve("keys").resolve("database-owner.password")).strip();
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pid.get(3).strip() + "/postgres",
                "postgres", password);
    }

    private Map<String, String> readLogins() throws IOException {
        Map<String, String> read = new HashMap<>();
        for (String line : Files.readAllLines(data.resolve("demo-logins.txt"))) {
            int colon = line.indexOf(": ");
            if (!line.startsWith("#") && colon > 0) {
                read.put(line.substring(0, colon), line.substring(colon + 2).strip());
            }
        }
        return read;
    }

    private String call(String user, String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + logins.get(user)).getBytes(StandardCharsets.UTF_8)));
        if (type != null) {
            request.header("Content-Type", type);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode());
        }
        return response.body();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String find(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("not in the answer: " + pattern);
        }
        return matcher.group(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
