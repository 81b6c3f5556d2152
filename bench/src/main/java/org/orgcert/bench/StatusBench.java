package org.orgcert.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.bouncycastle.cert.X509CertificateHolder;
import org.orgcert.pki.ca.CaHierarchy;
import org.orgcert.pki.crl.RevocationReason;
import org.orgcert.pki.crl.WrittenCrl;
import org.orgcert.pki.name.Uscc;
import org.orgcert.pki.ocsp.OcspResponder;
import org.orgcert.pki.ocsp.OcspSettings;
import org.orgcert.server.OrgCertApplication;
import org.orgcert.server.certificate.CertificateRevocation;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.issuance.CertificateAuthorities;
import org.orgcert.server.issuance.ProductionOrder;
import org.orgcert.server.issuance.ProductionService;
import org.orgcert.server.status.CrlRegenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code bench/run status}: the status services of the running service, measured the way relying platforms
 * and the CA's counter use them.
 *
 * <ul>
 *   <li>{@code status.ocsp.http}: OCSP over loopback HTTP/1.1 with 64 persistent connections (half POST,
 *       half the GET form), for a mix of real serials produced through the service, a quarter of them
 *       revoked; with its 99th percentile latency. {@code status.ocsp.inprocess} is the same mix answered by
 *       a responder called directly (as many threads as cores): the limit HTTP approaches.</li>
 *   <li>{@code status.revoke-to-ocsp}: from a loss report (revocation through the service layer,
 *       keyCompromise, R-FEE-2) to the first {@code revoked} OCSP answer over HTTP, while the OCSP load
 *       runs; {@code .idle} the same without the load, and {@code .1m-revoked} without the load once a
 *       million certificates are revoked.</li>
 *   <li>{@code status.crl.1m}: a full CRL of a million revoked certificates (bulk-loaded into PostgreSQL)
 *       made through the service's CRL path: cursor, writer, signature, stored and audited; the heap figure is
 *       the sum of the heap pools' peaks during it, less what was in use before (an upper bound: garbage not
 *       yet collected counts), and {@code retained} what the first one left in use after a GC (the CRL
 *       served from memory). {@code status.crl.delta.1m-revoked}: a delta CRL with a million revoked.</li>
 * </ul>
 */
public final class StatusBench {
    static final String CA = "sm2";
    private static final int CERTIFICATES = Integer.getInteger("certificates", 400);
    private static final int REVOKED_BEFORE = CERTIFICATES / 8;
    private static final int REVOKED_DURING = Integer.getInteger("revocations", 50);
    private static final int REVOKED_IDLE = 20;
    private static final int MILLION = Integer.getInteger("crl.entries", 1_000_000);
    private static final int CONNECTIONS = Integer.getInteger("connections", 64);
    private static final int LOAD_THREADS = Integer.getInteger("load.threads", 1);
    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("warmup.seconds", 8));
    private static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("measure.seconds", 15));

    private StatusBench() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Files.createTempDirectory("orgcert-status-bench");
        String[] properties = {
            "--orgcert.data-dir=" + data,
            "--server.port=0",
            "--orgcert.issuance.hierarchies=" + CA,
            "--orgcert.issuance.token-kdf-log2n=10",
            "--db-scheduler.enabled=false",
            // The CRL regenerator runs in the background as in production (it follows db-scheduler otherwise).
            "--orgcert.status.regenerate-in-background=true",
            "--logging.level.root=WARN"};
        List<String> lines = new ArrayList<>();
        try (ConfigurableApplicationContext context = SpringApplication.run(OrgCertApplication.class, properties)) {
            int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            CertificateAuthorities authorities = context.getBean(CertificateAuthorities.class);
            CertificateStore certificates = context.getBean(CertificateStore.class);
            CertificateRevocation revocation = context.getBean(CertificateRevocation.class);
            CaHierarchy hierarchy = authorities.hierarchy(CA).orElseThrow();
            X509CertificateHolder issuer = hierarchy.issuing().certificate();

            List<BigInteger> serials = produce(context.getBean(ProductionService.class), CERTIFICATES);
            List<BigInteger> toRevoke = new ArrayList<>(serials.subList(0, REVOKED_BEFORE + REVOKED_DURING));
            for (BigInteger serial : toRevoke.subList(0, REVOKED_BEFORE)) {
                revocation.revoke(serial, RevocationReason.KEY_COMPROMISE, "bench");
            }
            List<BigInteger> duringLoad = toRevoke.subList(REVOKED_BEFORE, toRevoke.size());

            String host = "127.0.0.1:" + port;
            String path = "/status/" + CA + "/ocsp";
            List<byte[]> ders = new ArrayList<>();
            List<byte[]> http = new ArrayList<>();
            for (BigInteger serial : serials) {
                byte[] der = OcspHttpClient.request(issuer, serial);
                ders.add(der);
                http.add(OcspHttpClient.post(host, path, der));
                http.add(OcspHttpClient.get(host, path, der));
            }

            OcspResponder direct = new OcspResponder(hierarchy.issuing(), hierarchy.ocspSigner(),
                    certificates.statusSource(CA), Clock.systemUTC(), OcspSettings.of(Duration.ofHours(1)));
            lines.add(BenchMain.line("status.ocsp.inprocess", inProcess(direct, ders.toArray(byte[][]::new)),
                    "responses/s"));

            // The HTTP load, with loss reports revoked through the service while it runs.
            List<Double> revokeMillis = Collections.synchronizedList(new ArrayList<>());
            Thread revoker = new Thread(() -> revokeDuringLoad(revocation, address, host, path, issuer, duringLoad,
                    revokeMillis), "revoker");
            revoker.setDaemon(true);
            HttpLoad load = new HttpLoad(address, http.toArray(byte[][]::new));
            revoker.start();
            HttpLoad.Result result = load.run(CONNECTIONS, LOAD_THREADS, WARM_UP, MEASURE);
            revoker.join();
            if (result.errors() > 0 || revokeMillis.size() != duringLoad.size()) {
                throw new IllegalStateException(result.errors() + " failed responses, " + revokeMillis.size() + " of "
                        + duringLoad.size() + " revocations measured");
            }
            lines.add(BenchMain.line("status.ocsp.http", result.perSecond(), "responses/s"));
            lines.add(BenchMain.line("status.ocsp.http.p50", result.percentileMillis(0.50), "ms"));
            lines.add(BenchMain.line("status.ocsp.http.p99", result.percentileMillis(0.99), "ms"));
            lines.add(String.format(Locale.ROOT, "status.ocsp.http.connections %d connections", CONNECTIONS));
            lines.add(String.format(Locale.ROOT, "status.ocsp.http.reconnects %d connections", result.reconnects()));
            List<Double> sorted = new ArrayList<>(revokeMillis);
            sorted.sort(null);
            lines.add(BenchMain.line("status.revoke-to-ocsp.median", sorted.get(sorted.size() / 2), "ms"));
            lines.add(BenchMain.line("status.revoke-to-ocsp.max", sorted.get(sorted.size() - 1), "ms"));
            lines.add(String.format(Locale.ROOT, "status.revoke-to-ocsp.count %d revocations", sorted.size()));

            // Without the load, with a few hundred revoked and then with a million: what one revocation costs
            // must not grow with the number already revoked.
            int from = toRevoke.size();
            List<Double> idle = revokeToOcsp(revocation, address, host, path, issuer,
                    serials.subList(from, from + REVOKED_IDLE));
            lines.add(BenchMain.line("status.revoke-to-ocsp.idle.median", idle.get(idle.size() / 2), "ms"));
            lines.add(BenchMain.line("status.revoke-to-ocsp.idle.max", idle.get(idle.size() - 1), "ms"));
            lines.addAll(millionCrl(context));
            List<Double> after = revokeToOcsp(revocation, address, host, path, issuer,
                    serials.subList(from + REVOKED_IDLE, from + 2 * REVOKED_IDLE));
            lines.add(BenchMain.line("status.revoke-to-ocsp.1m-revoked.median", after.get(after.size() / 2), "ms"));
            lines.add(BenchMain.line("status.revoke-to-ocsp.1m-revoked.max", after.get(after.size() - 1), "ms"));
            // The background regenerator has put a delta on the million-entry CRL for these revocations by now.
            Thread.sleep(2000);
            CrlRegenerator regenerator = context.getBean(CrlRegenerator.class);
            long start = System.nanoTime();
            WrittenCrl delta = regenerator.publishDelta(CA);
            lines.add(BenchMain.line("status.crl.delta.1m-revoked", (System.nanoTime() - start) / 1e6, "ms"));
            lines.add(String.format(Locale.ROOT, "status.crl.delta.1m-revoked.entries %d entries", delta.entries()));
        }
        // The service and its embedded PostgreSQL have stopped: drop their data (1.5 GB with a million rows).
        try (var files = Files.walk(data)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
        System.out.println();
        lines.forEach(System.out::println);
        System.exit(0);
    }

    /**
     * Bulk-loads {@value #MILLION} revoked certificates of CA {@value #CA} (one INSERT … SELECT generate_series;
     * serials of 15 octets in an order unrelated to the rows' order, as random serials are; revoked over the
     * past year, so none counts as a new revocation), then times a full CRL made through the service
     * ({@link CrlRegenerator#publishFull}: cursor, writer, signature, stored in the {@code crl} table, audited), the
     * first after the load and again (the figure).
     */
    private static List<String> millionCrl(ConfigurableApplicationContext context) throws Exception {
        List<String> lines = new ArrayList<>();
        JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
        long load = System.nanoTime();
        jdbc.update("INSERT INTO certificate (serial, application_id, ca, uscc, employer_name, algorithm, profile,"
                + " not_before, not_after, status, tbs, der, token_serial, created_at, signed_at, revoked_at,"
                + " revocation_reason, revoked_by)"
                + " SELECT 100000000000000000000000000000000000 + ((g::bigint * 7919) % 1000003)::numeric * 1000003 + g,"
                + " md5('bulk-' || g)::uuid, ?, '91530102MA6K000000', 'bulk', 'SM2', 'employer-signing',"
                + " now() - interval '400 days', now() + interval '100 days', 'REVOKED', '\\x00'::bytea,"
                + " '\\x00'::bytea, 'bulk', now() - interval '400 days', now() - interval '400 days',"
                + " now() - interval '1 day' - (g % 31000000) * interval '1 second',"
                + " (ARRAY[0, 1, 4, 5])[1 + g % 4], 'bench' FROM generate_series(1, ?) AS g", CA, MILLION);
        jdbc.execute("VACUUM ANALYZE certificate");
        lines.add(BenchMain.line("status.crl.1m.bulk-load", (System.nanoTime() - load) / 1e9, "s"));

        CrlRegenerator regenerator = context.getBean(CrlRegenerator.class);
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        // The first one after the load (cold: JIT, PostgreSQL's buffers), then the measured one.
        System.gc();
        long idle = heap.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
        long first = System.nanoTime();
        regenerator.publishFull(CA);
        lines.add(BenchMain.line("status.crl.1m.first", (System.nanoTime() - first) / 1e9, "s"));
        System.gc();
        long before = heap.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
        long retained = before - idle;
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        WrittenCrl crl = regenerator.publishFull(CA);
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        if (crl.entries() < MILLION) {
            throw new IllegalStateException("the CRL lists " + crl.entries() + " certificates");
        }
        lines.add(BenchMain.line("status.crl.1m", seconds, "s"));
        lines.add(String.format(Locale.ROOT, "status.crl.1m.entries %d entries", crl.entries()));
        lines.add(String.format(Locale.ROOT, "status.crl.1m.size %d MiB", crl.bytes() >> 20));
        lines.add(String.format(Locale.ROOT, "status.crl.1m.heap %d MiB", (peak - before) >> 20));
        lines.add(String.format(Locale.ROOT, "status.crl.1m.heap.retained %d MiB", retained >> 20));
        return lines;
    }

    /**
     * Revokes each serial in turn (keyCompromise, R-FEE-2) through the service layer with nothing else running
     * and returns the sorted times, in ms, to the first {@code revoked} OCSP answer over HTTP.
     */
    private static List<Double> revokeToOcsp(CertificateRevocation revocation, InetSocketAddress address, String host,
            String path, X509CertificateHolder issuer, List<BigInteger> serials) throws Exception {
        List<Double> millis = new ArrayList<>();
        try (OcspHttpClient client = new OcspHttpClient(address)) {
            for (BigInteger serial : serials) {
                byte[] request = OcspHttpClient.post(host, path, OcspHttpClient.request(issuer, serial));
                long start = System.nanoTime();
                revocation.revoke(serial, RevocationReason.KEY_COMPROMISE, "bench");
                while (!OcspHttpClient.revoked(client.exchange(request))) {
                    Thread.onSpinWait();
                }
                millis.add((System.nanoTime() - start) / 1e6);
                Thread.sleep(100);
            }
        }
        millis.sort(null);
        return millis;
    }

    /** Produces {@code count} certificates through the service (key on a software token, recorded, signed). */
    private static List<BigInteger> produce(ProductionService production, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<BigInteger>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Uscc uscc = Uscc.complete("91", "530102", String.format("%08d", 20_000_000 + i));
            futures.add(pool.submit(() -> production.produce(new ProductionOrder(UUID.randomUUID(),
                    "昆明市状态测试有限公司", uscc, null, "bench")).certificate().serial()));
        }
        List<BigInteger> serials = new ArrayList<>();
        for (Future<BigInteger> future : futures) {
            serials.add(future.get());
        }
        pool.shutdown();
        return serials;
    }

    /** Responses per second of the responder called directly, as many threads as cores. */
    private static double inProcess(OcspResponder responder, byte[][] requests) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        LongAdder done = new LongAdder();
        java.util.concurrent.atomic.AtomicInteger phase = new java.util.concurrent.atomic.AtomicInteger(); // 0 warm-up, 1 measuring, 2 stop
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            Thread thread = new Thread(() -> {
                int i = seed * 7919;
                long blackhole = 0;
                while (true) {
                    int now = phase.get();
                    if (now == 2) {
                        break;
                    }
                    blackhole += responder.respond(requests[Math.floorMod(i++, requests.length)]).length;
                    if (now == 1) {
                        done.increment();
                    }
                }
                if (blackhole == 42) {
                    System.out.print("");
                }
            });
            thread.start();
            running.add(thread);
        }
        Thread.sleep(3000);
        phase.set(1);
        long start = System.nanoTime();
        Thread.sleep(5000);
        phase.set(2);
        double seconds = (System.nanoTime() - start) / 1e9;
        for (Thread thread : running) {
            thread.join();
        }
        return done.sum() / seconds;
    }

    /**
     * Revokes each serial (keyCompromise, R-FEE-2) through the service layer, one every 200 ms once the load's
     * warm-up is over, and measures the time to the first {@code revoked} OCSP answer over HTTP.
     */
    private static void revokeDuringLoad(CertificateRevocation revocation, InetSocketAddress address, String host,
            String path, X509CertificateHolder issuer, List<BigInteger> serials, List<Double> millis) {
        try (OcspHttpClient client = new OcspHttpClient(address)) {
            Thread.sleep(WARM_UP.toMillis() + 500);
            for (BigInteger serial : serials) {
                byte[] request = OcspHttpClient.post(host, path, OcspHttpClient.request(issuer, serial));
                if (OcspHttpClient.revoked(client.exchange(request))) {
                    throw new IllegalStateException("already revoked: " + serial);
                }
                long start = System.nanoTime();
                revocation.revoke(serial, RevocationReason.KEY_COMPROMISE, "bench");
                while (!OcspHttpClient.revoked(client.exchange(request))) {
                    if (System.nanoTime() - start > 10_000_000_000L) {
                        throw new IllegalStateException("still good 10 s after its revocation: " + serial);
                    }
                }
                millis.add((System.nanoTime() - start) / 1e6);
                Thread.sleep(200);
            }
        } catch (Exception e) {
            e.printStackTrace();
        }
    }
}
