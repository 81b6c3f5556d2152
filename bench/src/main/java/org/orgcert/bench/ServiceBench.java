package org.orgcert.bench;

import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.StaffRole;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.OrgCertApplication;
import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationEvent;
import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.application.Channel;
import org.orgcert.server.application.Delivery;
import org.orgcert.server.application.MaterialItem;
import org.orgcert.server.application.ProductionStep;
import org.orgcert.server.application.SubmitApplication;
import org.orgcert.server.employer.EmployerType;
import org.orgcert.server.review.BundledInsuranceRegistry;
import org.orgcert.server.review.ReviewService;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code bench/run service}: the service on embedded PostgreSQL, measured the way it is used.
 *
 * <ul>
 *   <li>{@code service.produce}: applications taken from submitted to produced through the service layer
 *       (submit, receive, review with the registry check, approve, produce: key pair on a software token,
 *       certificate recorded, signed and loaded), several at once, as many workers as cores × 2;</li>
 *   <li>{@code service.produce.parallel16}: approved applications produced (the production step alone) by 16
 *       concurrent producers, as 16 operators pressing "produce" at once; any failure or refusal is counted in
 *       {@code service.produce.parallel16.errors} (it must be 0);</li>
 *   <li>{@code service.startup}: launch of {@code orgcert-server-*-exec.jar} to a healthy
 *       {@code /actuator/health}, on a new data folder (first start: database created, CA keys made) and
 *       again on the same folder (every later start).</li>
 * </ul>
 */
public final class ServiceBench {
    private static final int WARM_UP = 300;
    private static final int APPLICATIONS = Integer.getInteger("applications", 10_000);
    private static final int PARALLEL_APPLICATIONS = Integer.getInteger("parallelApplications", 2_000);
    private static final int PRODUCERS = 16;

    private ServiceBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> lines = new ArrayList<>();
        // -Dservice.skipStartup=true: production figures only (on a machine too loaded to start in 60 s).
        if (!Boolean.getBoolean("service.skipStartup")) {
            lines.addAll(startup(Path.of(args.length > 0 ? args[0] : "server/target")));
        }
        lines.addAll(produce());
        System.out.println();
        lines.forEach(System.out::println);
        System.exit(0);
    }

    private static List<String> produce() throws Exception {
        Path data = Files.createTempDirectory("orgcert-bench");
        // Command-line properties: they outrank application.properties (default properties would not).
        String[] properties = {
            "--orgcert.data-dir=" + data,
            "--server.port=0",
            // One algorithm's CA is enough; SM2 is the default for employer certificates.
            "--orgcert.issuance.hierarchies=sm2",
            // Software tokens stand in for USB keys; their PIN key's scrypt cost is a property of the token,
            // not of the service, so it is lowered here as in tests.
            "--orgcert.issuance.token-kdf-log2n=10",
            "--db-scheduler.enabled=false",
            "--logging.level.root=WARN"};
        try (ConfigurableApplicationContext context = SpringApplication.run(OrgCertApplication.class, properties)) {
            ApplicationService applications = context.getBean(ApplicationService.class);
            ProductionStep production = context.getBean(ProductionStep.class);
            ReviewService review = context.getBean(ReviewService.class);
            BundledInsuranceRegistry registry = context.getBean(BundledInsuranceRegistry.class);
            List<Uscc> usccs = new ArrayList<>();
            StringBuilder csv = new StringBuilder("record_id,uscc,name,legal_representative,insuring_division\n");
            for (int i = 0; i < WARM_UP + APPLICATIONS + PARALLEL_APPLICATIONS; i++) {
                Uscc uscc = Uscc.complete("91", "530102", String.format("%08d", 10_000_000 + i));
                usccs.add(uscc);
                csv.append("B").append(i).append(',').append(uscc).append(",昆明市基准测试有限公司,张三,530102\n");
            }
            registry.importCsv(new StringReader(csv.toString()), "bench");
            Runnable[] work = new Runnable[WARM_UP + APPLICATIONS];
            for (int i = 0; i < work.length; i++) {
                Uscc uscc = usccs.get(i);
                work[i] = () -> oneApplication(applications, review, production, uscc);
            }
            int threads = 2 * Runtime.getRuntime().availableProcessors();
            run(work, 0, WARM_UP, threads);
            long start = System.nanoTime();
            run(work, WARM_UP, work.length, threads);
            double seconds = (System.nanoTime() - start) / 1e9;
            List<String> lines = new ArrayList<>(List.of(
                    String.format(Locale.ROOT, "service.produce %.0f applications/s", APPLICATIONS / seconds),
                    String.format(Locale.ROOT, "service.produce.count %d applications", APPLICATIONS)));
            lines.addAll(parallel16(applications, review, production, usccs.subList(work.length, usccs.size()), threads));
            return lines;
        }
    }

    /** 16 producers at once over approved applications: progress for all, no error, no refusal. */
    private static List<String> parallel16(ApplicationService applications, ReviewService review,
            ProductionStep production, List<Uscc> usccs, int threads) throws Exception {
        List<UUID> approved = java.util.Collections.synchronizedList(new ArrayList<>());
        Runnable[] approve = usccs.stream().map(uscc -> (Runnable) () -> approved.add(
                approved(applications, review, uscc))).toArray(Runnable[]::new);
        run(approve, 0, approve.length, threads);
        java.util.concurrent.atomic.AtomicInteger errors = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<RuntimeException> first = new java.util.concurrent.atomic.AtomicReference<>();
        Runnable[] produce = approved.stream().map(id -> (Runnable) () -> {
            try {
                production.produce(id, OPERATOR);
            } catch (RuntimeException e) {
                errors.incrementAndGet();
                first.compareAndSet(null, e);
            }
        }).toArray(Runnable[]::new);
        long start = System.nanoTime();
        run(produce, 0, produce.length, PRODUCERS);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (first.get() != null) {
            first.get().printStackTrace();
        }
        return List.of(String.format(Locale.ROOT, "service.produce.parallel16 %.0f applications/s",
                        (produce.length - errors.get()) / seconds),
                String.format(Locale.ROOT, "service.produce.parallel16.errors %d", errors.get()),
                String.format(Locale.ROOT, "service.produce.parallel16.count %d applications", produce.length));
    }

    /** Each step by its role, as the decision table wants it. */
    private static final Actor CA_CLERK = new Actor.Staff("bench-ca-clerk", StaffRole.CA_CLERK, null);
    private static final Actor REVIEWER = new Actor.Staff("bench-reviewer", StaffRole.CA_REVIEWER, null);
    private static final Actor OPERATOR = new Actor.Staff("bench-operator", StaffRole.CA_OPERATOR, null);

    private static void oneApplication(ApplicationService applications, ReviewService review, ProductionStep production,
            Uscc uscc) {
        production.produce(approved(applications, review, uscc), OPERATOR);
    }

    /** An application submitted, received, reviewed and approved: ready to produce. */
    private static UUID approved(ApplicationService applications, ReviewService review, Uscc uscc) {
        Application application = applications.submit(new SubmitApplication(ApplicationKind.NEW,
                "昆明市基准测试有限公司", uscc, EmployerType.ENTERPRISE_OR_INDIVIDUAL_BUSINESS, "张三", true, "张三",
                Channel.CA_HALL, Delivery.ON_THE_SPOT, null, null), null, CA_CLERK);
        UUID id = application.id();
        applications.apply(id, ApplicationEvent.RECEIVE, CA_CLERK, null);
        applications.apply(id, ApplicationEvent.START_REVIEW, REVIEWER, null);
        applications.tick(id, application.requiredMaterials(), REVIEWER);
        review.check(id, REVIEWER);
        applications.apply(id, ApplicationEvent.APPROVE, REVIEWER, null);
        return id;
    }

    private static void run(Runnable[] work, int from, int to, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = from; i < to; i++) {
            futures.add(pool.submit(work[i]));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
    }

    /** Launch to healthy, first start and later start, in seconds. */
    private static List<String> startup(Path serverTarget) throws Exception {
        Path jar;
        try (var files = Files.list(serverTarget)) {
            jar = files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no *-exec.jar in " + serverTarget));
        }
        Path data = Files.createTempDirectory("orgcert-startup");
        double first = launchToHealthy(jar, data, 18_181);
        double again = launchToHealthy(jar, data, 18_181);
        return List.of(String.format(Locale.ROOT, "service.startup %.1f s", again),
                String.format(Locale.ROOT, "service.startup.first %.1f s", first));
    }

    private static double launchToHealthy(Path jar, Path data, int port) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(data.resolve("startup.log").toFile());
        builder.environment().put("ORGCERT_DATA_DIR", data.toString());
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        long start = System.nanoTime();
        Process process = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build();
        try {
            for (int i = 0; i < 1200; i++) {
                try {
                    if (http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                        return (System.nanoTime() - start) / 1e9;
                    }
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("the service exited; see " + data.resolve("startup.log"));
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("the service was not healthy within 60 s; see " + data.resolve("startup.log"));
        } finally {
            process.destroy();
            process.waitFor();
        }
    }
}
