package org.orgcert.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.orgcert.server.OrgCertApplication;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code bench/run audit}: the audit log of the service on embedded PostgreSQL, the chainer and (where there is
 * one) the checkpointer running in the background as in production.
 *
 * <ul>
 *   <li>{@code audit.append}: state changes of one audit record each (a transaction per record) from 2 × cores
 *       threads, 10 s, on an empty log; {@code audit.append.1m} the same with a million records in the log;</li>
 *   <li>{@code audit.load.1m}: the time to record a million (100 per transaction, 4 threads);</li>
 *   <li>{@code audit.verify.1m}: {@code AuditLog.verify} over the million, after one warm-up run.</li>
 * </ul>
 *
 * Only {@code AuditLog.record} and {@code AuditLog.verify} are used, so the same class measures older versions.
 */
public final class AuditBench {
    private static final int RECORDS = Integer.getInteger("records", 1_000_000);

    private AuditBench() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Files.createTempDirectory("orgcert-audit-bench");
        String[] properties = {"--orgcert.data-dir=" + data, "--server.port=0", "--orgcert.issuance.hierarchies=sm2",
            "--db-scheduler.enabled=false", "--logging.level.root=WARN"};
        List<String> lines = new ArrayList<>();
        try (ConfigurableApplicationContext context = SpringApplication.run(OrgCertApplication.class, properties)) {
            AuditLog log = context.getBean(AuditLog.class);
            TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
            lines.add(String.format(Locale.ROOT, "audit.append %.0f records/s", appendRate(log, transaction)));
            long start = System.nanoTime();
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            load(log, transaction, RECORDS - jdbc.queryForObject("SELECT count(*) FROM audit_record", Long.class));
            lines.add(String.format(Locale.ROOT, "audit.load.1m %.1f s", (System.nanoTime() - start) / 1e9));
            lines.add(String.format(Locale.ROOT, "audit.append.1m %.0f records/s", appendRate(log, transaction)));
            System.out.println("warm-up: " + log.verify());
            start = System.nanoTime();
            Object result = log.verify();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.println("measured: " + result);
            lines.add(String.format(Locale.ROOT, "audit.verify.1m %.2f s", seconds));
        }
        System.out.println();
        lines.forEach(System.out::println);
        System.exit(0);
    }

    private static AuditEntry entry(long i) {
        return new AuditEntry("staff:clerk-" + (i % 50), "application.forwarded", "application",
                "0b6e1b9e-5b1c-4f3e-9a57-" + String.format("%012d", i), "batch " + (i / 100) + ", window w" + (i % 18));
    }

    /** Records per second, one per transaction, from 2 × cores threads for 10 s after 1 s of warm-up. */
    private static double appendRate(AuditLog log, TransactionTemplate transaction) throws Exception {
        int threads = 2 * Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder done = new LongAdder();
        AtomicLong next = new AtomicLong(10_000_000_000L);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                while (!stop.get()) {
                    transaction.executeWithoutResult(status -> log.record(entry(next.incrementAndGet())));
                    done.increment();
                }
            }));
        }
        Thread.sleep(1000);
        long start = System.nanoTime();
        long before = done.sum();
        Thread.sleep(10_000);
        long calls = done.sum() - before;
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        return calls / elapsed;
    }

    /** Records {@code total} entries, 100 per transaction, from 4 threads. */
    private static void load(AuditLog log, TransactionTemplate transaction, long total) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicLong next = new AtomicLong();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            futures.add(pool.submit(() -> {
                long first;
                while ((first = next.getAndAdd(100)) < total) {
                    long from = first;
                    transaction.executeWithoutResult(status -> {
                        for (long i = from; i < Math.min(from + 100, total); i++) {
                            log.record(entry(i));
                        }
                    });
                    if (from % 100_000 == 0) {
                        System.out.println("loaded " + from);
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
    }
}
