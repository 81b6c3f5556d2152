package org.orgcert.bench;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.bouncycastle.cert.X509CertificateHolder;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.OrgCertApplication;
import org.orgcert.server.issuance.CertificateAuthorities;
import org.orgcert.server.issuance.ProductionOrder;
import org.orgcert.server.issuance.ProductionService;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code bench/run slow-clients}: hostile clients against the running service (in-process, loopback) while a
 * relying platform checks OCSP at a steady 200 requests a second on one persistent connection and the
 * latency of each answer is recorded.
 *
 * <ul>
 *   <li>{@code status.ocsp.p50|p99.without-attack}: nothing else running.</li>
 *   <li>{@code status.ocsp.p50|p99.under-slow-bodies}: {@value #SLOW_BODIES} connections sending OCSP POST
 *       bodies a byte every 3 s (the attack of issue 12; target p99 ≤ 50 ms).</li>
 *   <li>{@code status.ocsp.p50|p99.under-hostile-mix}: besides those, API bodies (POST
 *       /api/v1/employer-login/code) a byte every 3 s, chunked forms and multipart bodies to POST /staff/login
 *       likewise ({@value #SLOW_FORMS}: the review's slow.py), slow headers against /status and the API, idle and
 *       half-open connections; and {@code api.health.*}: whether the API (GET /actuator/health through the
 *       whole filter chain) still answers meanwhile.</li>
 * </ul>
 * A connection the service answers (408 once a body's time is up) or closes is opened again, as an attacker
 * would: {@code slow-clients.reopened}.
 */
public final class SlowClientsBench {
    private static final String CA = "ecdsa-p256";
    private static final int SLOW_BODIES = Integer.getInteger("slow.bodies", 1000);
    private static final int SLOW_API_BODIES = Integer.getInteger("slow.api.bodies", 100);
    private static final int SLOW_FORMS = Integer.getInteger("slow.forms", 230);
    private static final int SLOW_HEADERS = Integer.getInteger("slow.headers", 300);
    private static final int IDLE = Integer.getInteger("idle", 300);
    private static final int HALF_OPEN = Integer.getInteger("half.open", 100);
    private static final long GAP_MILLIS = 3000;
    private static final int RATE = 200;
    private static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("measure.seconds", 20));

    private SlowClientsBench() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Files.createTempDirectory("orgcert-slow-clients-bench");
        String[] properties = {
            "--orgcert.data-dir=" + data,
            "--server.port=0",
            "--orgcert.issuance.hierarchies=" + CA,
            "--orgcert.issuance.algorithm=" + CA,
            "--orgcert.issuance.token-kdf-log2n=10",
            "--db-scheduler.enabled=false",
            "--logging.level.root=WARN"};
        List<String> lines = new ArrayList<>() {
            @Override
            public boolean add(String line) {
                System.out.println(line); // printed as measured, so a later failure loses nothing
                return super.add(line);
            }
        };
        try (ConfigurableApplicationContext context = SpringApplication.run(OrgCertApplication.class, properties)) {
            int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            X509CertificateHolder issuer = context.getBean(CertificateAuthorities.class).hierarchy(CA).orElseThrow()
                    .issuing().certificate();
            ProductionService production = context.getBean(ProductionService.class);
            String host = "127.0.0.1:" + port;
            String ocsp = "/status/" + CA + "/ocsp";
            List<byte[]> requests = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Uscc uscc = Uscc.complete("91", "530102", String.format("%08d", 30_000_000 + i));
                BigInteger serial = production.produce(new ProductionOrder(UUID.randomUUID(), "昆明市慢客户测试有限公司",
                        uscc, null, "bench")).certificate().serial();
                requests.add(OcspHttpClient.post(host, ocsp, OcspHttpClient.request(issuer, serial)));
            }

            // Warm-up, then the service alone.
            paced(address, requests, Duration.ofSeconds(10));
            double[] quiet = paced(address, requests, MEASURE);
            lines.add(BenchMain.line("status.ocsp.p50.without-attack", percentile(quiet, 0.50), "ms"));
            lines.add(BenchMain.line("status.ocsp.p99.without-attack", percentile(quiet, 0.99), "ms"));

            String slowOcsp = "POST " + ocsp + " HTTP/1.1\r\nHost: " + host
                    + "\r\nContent-Type: application/ocsp-request\r\nContent-Length: 10000\r\n\r\n";
            try (HostileClients attack = new HostileClients(address, GAP_MILLIS)
                    .add(HostileClients.Kind.SLOW_BODY, SLOW_BODIES, slowOcsp).start()) {
                Thread.sleep(2 * GAP_MILLIS);
                double[] underAttack = paced(address, requests, MEASURE);
                lines.add(BenchMain.line("status.ocsp.p50.under-slow-bodies", percentile(underAttack, 0.50), "ms"));
                lines.add(BenchMain.line("status.ocsp.p99.under-slow-bodies", percentile(underAttack, 0.99), "ms"));
                lines.add(BenchMain.line("status.ocsp.max.under-slow-bodies", percentile(underAttack, 1.0), "ms"));
                lines.add(String.format(Locale.ROOT, "slow-clients.slow-bodies %d connections", attack.size()));
                lines.add(String.format(Locale.ROOT, "slow-clients.slow-bodies.reopened %d connections",
                        attack.reopened()));
            }

            String slowApi = "POST /api/v1/employer-login/code HTTP/1.1\r\nHost: " + host
                    + "\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n";
            try (HostileClients mix = new HostileClients(address, GAP_MILLIS)
                    .add(HostileClients.Kind.SLOW_BODY, SLOW_BODIES, slowOcsp)
                    .add(HostileClients.Kind.SLOW_BODY, SLOW_API_BODIES, slowApi)
                    // Review of issue 12, finding 3: forms and uploads the container would parse by itself.
                    .add(HostileClients.Kind.SLOW_CHUNKED, SLOW_FORMS / 2, "POST /staff/login HTTP/1.1\r\nHost: " + host
                            + "\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .add(HostileClients.Kind.SLOW_BODY, SLOW_FORMS - SLOW_FORMS / 2, "POST /staff/login HTTP/1.1\r\nHost: "
                            + host + "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 10000\r\n\r\n")
                    .add(HostileClients.Kind.SLOW_HEADERS, SLOW_HEADERS / 2,
                            "GET /status/" + CA + "/crl HTTP/1.1\r\nHost: " + host + "\r\nX-Slow: ")
                    .add(HostileClients.Kind.SLOW_HEADERS, SLOW_HEADERS - SLOW_HEADERS / 2,
                            "GET /api/v1/me HTTP/1.1\r\nHost: " + host + "\r\nX-Slow: ")
                    .add(HostileClients.Kind.IDLE, IDLE, "")
                    .add(HostileClients.Kind.HALF_OPEN, HALF_OPEN, "GET /actuator/health HTTP/1.1\r\n").start()) {
                Thread.sleep(2 * GAP_MILLIS);
                double[] health = new double[20];
                for (int i = 0; i < health.length; i++) {
                    long start = System.nanoTime();
                    String status = statusOf(address, "GET /actuator/health HTTP/1.1\r\nHost: " + host
                            + "\r\nConnection: close\r\n\r\n");
                    if (!status.startsWith("HTTP/1.1 200")) {
                        throw new IllegalStateException("health answered " + status);
                    }
                    health[i] = (System.nanoTime() - start) / 1e6;
                }
                double[] underMix = paced(address, requests, MEASURE);
                lines.add(BenchMain.line("status.ocsp.p50.under-hostile-mix", percentile(underMix, 0.50), "ms"));
                lines.add(BenchMain.line("status.ocsp.p99.under-hostile-mix", percentile(underMix, 0.99), "ms"));
                lines.add(BenchMain.line("api.health.p50.under-hostile-mix", percentile(health, 0.50), "ms"));
                lines.add(BenchMain.line("api.health.max.under-hostile-mix", percentile(health, 1.0), "ms"));
                lines.add(String.format(Locale.ROOT, "slow-clients.hostile-mix %d connections", mix.size()));
                lines.add(String.format(Locale.ROOT, "slow-clients.hostile-mix.reopened %d connections",
                        mix.reopened()));
            }
        }
        try (var files = Files.walk(data)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
        System.exit(0);
    }

    /**
     * A relying platform: one persistent connection, a request every 1/{@value #RATE} s (or at once after a
     * late answer), for {@code duration}; returns each answer's latency in ms.
     */
    private static double[] paced(InetSocketAddress address, List<byte[]> requests, Duration duration)
            throws Exception {
        long interval = 1_000_000_000L / RATE;
        List<Double> millis = new ArrayList<>();
        try (OcspHttpClient client = new OcspHttpClient(address)) {
            long end = System.nanoTime() + duration.toNanos();
            long next = System.nanoTime();
            for (int i = 0; System.nanoTime() < end; i++) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                long start = System.nanoTime();
                byte[] response = client.exchange(requests.get(i % requests.size()));
                millis.add((System.nanoTime() - start) / 1e6);
                if (!HttpLoad.successfulOcsp(response, 0, response.length)) {
                    throw new IllegalStateException("an unsuccessful OCSP response");
                }
                next += interval;
            }
        }
        return millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    /** Sends one request on a new connection and returns the response's status line (read to the end). */
    private static String statusOf(InetSocketAddress address, String request) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.US_ASCII);
            int end = response.indexOf('\r');
            return end < 0 ? response : response.substring(0, end);
        }
    }

    private static double percentile(double[] values, double fraction) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }
}
