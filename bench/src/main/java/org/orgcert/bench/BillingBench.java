package org.orgcert.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.OrgCertApplication;
import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.billing.FeeFacts;
import org.orgcert.server.billing.FeeQuotes;
import org.orgcert.server.billing.FeeRules;
import org.orgcert.server.billing.PriceItem;
import org.orgcert.server.billing.PriceList;
import org.orgcert.server.billing.SubsidyReport;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code bench/run billing}: the service on embedded PostgreSQL.
 *
 * <ul>
 *   <li>{@code billing.quote}: quotes through the service (the employer's jurisdiction and certificate history
 *       read from PostgreSQL, the day's prices), 2 × cores threads, 10 s; {@code billing.quote.rules} is the
 *       rules alone with prices in memory, the limit;</li>
 *   <li>{@code billing.report.month}: the bureau's monthly subsidy report over a month of 100,000 approved
 *       applications (200,000 charges, bulk-loaded), after a warm-up run.</li>
 * </ul>
 */
public final class BillingBench {
    private static final int APPLICATIONS = Integer.getInteger("applications", 100_000);

    private BillingBench() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Files.createTempDirectory("orgcert-billing-bench");
        String[] properties = {"--orgcert.data-dir=" + data, "--server.port=0", "--orgcert.issuance.hierarchies=sm2",
            "--db-scheduler.enabled=false", "--logging.level.root=WARN"};
        List<String> lines = new ArrayList<>();
        try (ConfigurableApplicationContext context = SpringApplication.run(OrgCertApplication.class, properties)) {
            lines.addAll(quotes(context));
            lines.addAll(report(context));
        }
        System.out.println();
        lines.forEach(System.out::println);
        System.exit(0);
    }

    private static List<String> quotes(ConfigurableApplicationContext context) throws Exception {
        FeeQuotes quotes = context.getBean(FeeQuotes.class);
        PriceList prices = context.getBean(PriceList.class);
        List<Uscc> usccs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            usccs.add(Uscc.complete("91", i % 3 == 0 ? "530402" : "530102", String.format("%08d", 20_000_000 + i)));
        }
        ApplicationKind[] kinds = {ApplicationKind.NEW, ApplicationKind.ADDITIONAL, ApplicationKind.REISSUE,
            ApplicationKind.INFO_CHANGE, ApplicationKind.UNLOCK};
        double service = rate(10, i -> quotes.quote(kinds[(int) (i % kinds.length)], usccs.get((int) (i % usccs.size()))));
        var mediums = prices.on(PriceItem.MEDIUM, LocalDate.of(2026, 6, 15));
        var years = prices.on(PriceItem.SERVICE_YEAR, LocalDate.of(2026, 6, 15));
        double rules = rate(5, i -> FeeRules.quote(new FeeFacts(kinds[(int) (i % kinds.length)], i % 3 != 0, i % 2 == 0,
                LocalDate.of(2026, 6, 15)), (item, day) -> item == PriceItem.MEDIUM ? mediums : years));
        return List.of(String.format(Locale.ROOT, "billing.quote %.0f quotes/s", service),
                String.format(Locale.ROOT, "billing.quote.rules %.0f quotes/s", rules));
    }

    /** Calls {@code work} with 0, 1, 2 … from 2 × cores threads for {@code seconds}; returns calls per second. */
    private static double rate(int seconds, java.util.function.LongConsumer work) throws Exception {
        int threads = 2 * Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder done = new LongAdder();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long offset = t * 1_000_003L;
            futures.add(pool.submit(() -> {
                long i = offset;
                while (!stop.get()) {
                    work.accept(i++);
                    done.increment();
                }
            }));
        }
        Thread.sleep(1000); // warm-up
        long start = System.nanoTime();
        long before = done.sum();
        Thread.sleep(seconds * 1000L);
        long calls = done.sum() - before;
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        return calls / elapsed;
    }

    private static List<String> report(ConfigurableApplicationContext context) {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        // A month of approved applications, each with its two charges, as the service books them.
        jdbc.update("INSERT INTO application (id, number, kind, employer_name, uscc, category, legal_representative,"
                + " legal_rep_in_person, agent_name, channel, delivery, window_id, state, version, submitted_at, updated_at)"
                + " SELECT md5('bench' || g)::uuid, 'KMBENCH-' || g, CASE WHEN g % 10 = 0 THEN 'RENEWAL' ELSE 'NEW' END,"
                + " '昆明市基准' || g || '有限公司', '91530' || lpad((g % 90 + 10)::text, 3, '0') || lpad(g::text, 10, '0'),"
                + " 'ENTERPRISE_OR_INDIVIDUAL_BUSINESS', '张三', true, '张三', CASE WHEN g % 3 = 0 THEN 'WINDOW' ELSE"
                + " 'CA_HALL' END, 'ON_THE_SPOT', CASE WHEN g % 3 = 0 THEN 'w' || (g % 18) END, 'APPROVED', 1,"
                + " timestamptz '2026-06-01 00:00+08' + (g % 29) * interval '1 day', now()"
                + " FROM generate_series(1, ?) g", APPLICATIONS);
        for (String item : List.of("MEDIUM", "SERVICE_YEAR")) {
            jdbc.update("INSERT INTO charge (id, application_id, kind, item, payer, amount_fen, rule, price_id, district,"
                    + " channel, window_id, booked_at) SELECT gen_random_uuid(), a.id, a.kind, ?, 'BUREAU', p.amount_fen,"
                    + " 'R-FEE-1 a', p.id, substr(a.uscc, 3, 6), a.channel, a.window_id, a.submitted_at + interval '1 hour'"
                    + " FROM application a JOIN price p ON p.item = ? AND p.effective_to IS NULL"
                    + " WHERE a.number LIKE 'KMBENCH-%' AND (? = 'SERVICE_YEAR' OR a.kind = 'NEW')", item, item, item);
        }
        jdbc.execute("ANALYZE charge");
        SubsidyReport report = context.getBean(SubsidyReport.class);
        report.month(YearMonth.of(2026, 6));
        long start = System.nanoTime();
        SubsidyReport.Month month = report.month(YearMonth.of(2026, 6));
        double seconds = (System.nanoTime() - start) / 1e9;
        long csvStart = System.nanoTime();
        int csvLength = month.csv().length();
        double csvSeconds = (System.nanoTime() - csvStart) / 1e9;
        return List.of(String.format(Locale.ROOT, "billing.report.month %.3f s", seconds),
                String.format(Locale.ROOT, "billing.report.month.charges %d charges", month.count()),
                String.format(Locale.ROOT, "billing.report.month.lines %d lines", month.lines().size()),
                String.format(Locale.ROOT, "billing.report.month.csv %.3f s (%d characters)", csvSeconds, csvLength));
    }
}
