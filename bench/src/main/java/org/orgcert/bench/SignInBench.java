package org.orgcert.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.OrgCertApplication;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.StaffRole;
import org.orgcert.server.issuance.ProductionOrder;
import org.orgcert.server.issuance.ProductionResult;
import org.orgcert.server.issuance.ProductionService;
import org.orgcert.server.issuance.TokenStock;
import org.orgcert.server.platform.PlatformRegistration;
import org.orgcert.server.platform.RelyingPlatforms;
import org.orgcert.token.Token;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code bench/run signin}: whole sign-ins to a relying platform with the key, through the provider over loopback
 * HTTP, on the durable default (embedded PostgreSQL, fsync on), the clients on the same 2 cores as the service.
 * One sign-in is what a platform and the employer's browser and assistant do: the authorization request (PKCE), the
 * sign-in page, the challenge, the software token's signature (SM2 or ECDSA P-256, alternating), the answer checked
 * with the certificate's status (its reply carries the code), the token request (client secret) with the ID token.
 * Prints {@code signin.login} (sign-ins/s), {@code .p50}, {@code .p99} (ms), per algorithm too, the CPU per sign-in of
 * each part, and then what no sign-in here can beat ({@link SignInFloor}).
 */
public final class SignInBench {
    /**
     * Four employers signing in at once: on two cores more only queue (16 measured 81 sign-ins/s at p99 320 ms, four
     * 105 at p99 79 ms, the same code).
     */
    private static final int CLIENTS = Integer.getInteger("clients", 4);
    /** Long enough for the JIT to have compiled most of Spring's request path on two busy cores. */
    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("warmup.seconds", 90));
    private static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("measure.seconds", 30));
    private static final String REDIRECT = "http://127.0.0.1:9/callback";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SignInBench() {
    }

    /**
     * CPU time used so far: this JVM, its sign-in client threads (and the HTTP client's), and the embedded
     * PostgreSQL's processes (found by their data folder in the command line).
     */
    record CpuUse(double jvmMillis, double clientMillis, double postgresMillis, double jitMillis, double gcMillis) {
        static CpuUse now(Path data) {
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            double clients = 0;
            for (java.lang.management.ThreadInfo info : threads.dumpAllThreads(false, false)) {
                if (info.getThreadName().startsWith("signin-") || info.getThreadName().startsWith("HttpClient")) {
                    clients += Math.max(0, threads.getThreadCpuTime(info.getThreadId())) / 1e6;
                }
            }
            double postgres = ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().map(c -> c.contains(data.toString()) && c.contains("postgres")).orElse(false)
                            || p.parent().map(ProcessHandle::info).flatMap(ProcessHandle.Info::commandLine)
                                    .map(c -> c.contains(data.toString()) && c.contains("postgres")).orElse(false))
                    .mapToDouble(p -> p.info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(0.0)).sum();
            return new CpuUse(os.getProcessCpuTime() / 1e6, clients, postgres, vmThreads("Compiler"), vmThreads("G1 "));
        }

        /** CPU time of this JVM's own threads whose name contains {@code part} (the JIT compilers, the collector). */
        private static double vmThreads(String part) {
            double ticks = 0;
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        if (Files.readString(task.resolve("comm")).contains(part)) {
                            String stat = Files.readString(task.resolve("stat"));
                            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                        }
                    } catch (java.io.IOException | RuntimeException gone) {
                        // a thread ended meanwhile
                    }
                }
            } catch (java.io.IOException e) {
                return 0;
            }
            return ticks * 10; // USER_HZ is 100 on Linux
        }

        CpuUse minus(CpuUse earlier) {
            return new CpuUse(jvmMillis - earlier.jvmMillis, clientMillis - earlier.clientMillis,
                    postgresMillis - earlier.postgresMillis, jitMillis - earlier.jitMillis, gcMillis - earlier.gcMillis);
        }
    }

    /** One employer's key at hand: the opened software token, its PIN, the certificate. */
    record Key(KeyAlgorithm algorithm, Token token, char[] pin, byte[] certificate) {
    }

    public static void main(String[] args) throws Exception {
        Path data = Files.createTempDirectory("orgcert-signin-bench");
        String[] properties = {"--orgcert.data-dir=" + data, "--server.port=0",
            "--orgcert.issuance.hierarchies=sm2,ecdsa-p256", "--orgcert.issuance.token-kdf-log2n=10",
            "--db-scheduler.enabled=false", "--logging.level.root=WARN",
            "--server.tomcat.threads.max=" + Math.max(64, CLIENTS * 2),
            // Every client here comes from 127.0.0.1: the per-address share of body readers would refuse them as one.
            "--orgcert.http.body-readers-per-client=" + Math.max(10, CLIENTS * 2),
            "--orgcert.http.body-readers-for-small=" + Math.max(20, CLIENTS * 2)};
        // More settings from the command line, e.g. an external database (--orgcert.db.url=…).
        properties = java.util.stream.Stream.concat(Arrays.stream(properties), Arrays.stream(args)).toArray(String[]::new);
        List<String> lines = new ArrayList<>();
        try (ConfigurableApplicationContext context = SpringApplication.run(OrgCertApplication.class, properties)) {
            int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            String base = "http://127.0.0.1:" + port;
            String secret = context.getBean(RelyingPlatforms.class).register(new PlatformRegistration("bench-platform",
                    "昆明智慧就业（测试）", List.of(REDIRECT), List.of(), null, List.of("openid", "employer", "certificate"),
                    false, "client_secret_basic"), new Actor.Staff("bench-admin", StaffRole.BUREAU_ADMIN, null)).secret();
            List<Key> keys = keys(context, CLIENTS);

            LongAdder[] done = {new LongAdder(), new LongAdder()};
            List<long[]> latencies = new ArrayList<>();
            AtomicInteger phase = new AtomicInteger(); // 0 warm-up, 1 measuring, 2 stop
            LongAdder failures = new LongAdder();
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                Key key = keys.get(c);
                long[] mine = new long[1_000_000];
                latencies.add(mine);
                Thread thread = new Thread(() -> {
                    Client client = new Client(base, secret);
                    int n = 0;
                    while (phase.get() < 2) {
                        long start = System.nanoTime();
                        try {
                            client.signIn(key);
                        } catch (Exception e) {
                            failures.increment();
                            if (failures.sum() < 5) {
                                e.printStackTrace();
                            }
                            continue;
                        }
                        if (phase.get() == 1 && n < mine.length) {
                            mine[n++] = System.nanoTime() - start;
                            done[key.algorithm() == KeyAlgorithm.SM2 ? 0 : 1].increment();
                        }
                    }
                    mine[mine.length - 1] = n;
                }, "signin-" + c);
                threads.add(thread);
                thread.start();
            }
            Thread.sleep(WARM_UP.toMillis());
            CpuUse before = CpuUse.now(data);
            phase.set(1);
            long start = System.nanoTime();
            Thread.sleep(MEASURE.toMillis());
            phase.set(2);
            double seconds = (System.nanoTime() - start) / 1e9;
            CpuUse used = CpuUse.now(data).minus(before);
            for (Thread thread : threads) {
                thread.join();
            }
            long[] all = latencies.stream().flatMapToLong(l -> Arrays.stream(l, 0, (int) l[l.length - 1])).sorted().toArray();
            if (failures.sum() > 0) {
                throw new IllegalStateException(failures.sum() + " sign-ins failed");
            }
            lines.add(BenchMain.line("signin.login", (done[0].sum() + done[1].sum()) / seconds, "sign-ins/s"));
            lines.add(BenchMain.line("signin.login.sm2", done[0].sum() / seconds, "sign-ins/s"));
            lines.add(BenchMain.line("signin.login.ecdsa-p256", done[1].sum() / seconds, "sign-ins/s"));
            lines.add(BenchMain.line("signin.login.p50", all[all.length / 2] / 1e6, "ms"));
            lines.add(BenchMain.line("signin.login.p99", all[(int) (all.length * 0.99)] / 1e6, "ms"));
            lines.add(String.format(Locale.ROOT, "signin.login.clients %d clients", CLIENTS));
            long signIns = done[0].sum() + done[1].sum();
            // CPU per sign-in, which the machine's other load does not change much: the service and the clients (one
            // JVM; the clients' own threads counted apart) and PostgreSQL's processes.
            lines.add(BenchMain.line("signin.login.cpu.service",
                    (used.jvmMillis() - used.clientMillis() - used.jitMillis() - used.gcMillis()) / signIns, "ms/sign-in"));
            lines.add(BenchMain.line("signin.login.cpu.postgres", used.postgresMillis() / signIns, "ms/sign-in"));
            lines.add(BenchMain.line("signin.login.cpu.clients", used.clientMillis() / signIns, "ms/sign-in"));
            lines.add(BenchMain.line("signin.login.capacity.2-cores",
                    2000.0 / ((used.jvmMillis() - used.clientMillis() - used.jitMillis() + used.postgresMillis()) / signIns),
                    "sign-ins/s"));
            lines.add(BenchMain.line("signin.login.load-average", java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean().getSystemLoadAverage(), "processes"));
            lines.add(BenchMain.line("signin.login.cpu.jit", used.jitMillis() / signIns, "ms/sign-in"));
            lines.add(BenchMain.line("signin.login.cpu.gc", used.gcMillis() / signIns, "ms/sign-in"));
            long total = Arrays.stream(STEP_NANOS).mapToLong(LongAdder::sum).sum();
            for (int i = 0; i < STEPS.length; i++) {
                lines.add(BenchMain.line("signin.login.share." + STEPS[i], 100.0 * STEP_NANOS[i].sum() / total, "%"));
            }
            lines.addAll(SignInFloor.measure(context, base, keys));
        }
        try (var files = Files.walk(data)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
        System.out.println();
        lines.forEach(System.out::println);
        System.exit(0);
    }

    /** {@code count} employers' keys, half SM2, half ECDSA P-256, produced through the service. */
    private static List<Key> keys(ConfigurableApplicationContext context, int count) {
        ProductionService production = context.getBean(ProductionService.class);
        TokenStock stock = context.getBean(TokenStock.class);
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            KeyAlgorithm algorithm = i % 2 == 0 ? KeyAlgorithm.SM2 : KeyAlgorithm.ECDSA_P256;
            Uscc uscc = Uscc.complete("91", "530102", String.format("%08d", 30_000_000 + i));
            ProductionResult produced = production.produce(new ProductionOrder(UUID.randomUUID(), "昆明市登录测试有限公司",
                    uscc, algorithm, "bench"));
            keys.add(new Key(algorithm, stock.open(produced.tokenSerial()), produced.initialPin().orElseThrow().reveal(),
                    produced.certificate().der()));
        }
        return keys;
    }

    /** Time spent in each step of a sign-in, summed over every client (to see where a sign-in's time goes). */
    static final String[] STEPS = {"authorize", "page", "challenge", "token-signature", "answer", "token-request"};
    static final LongAdder[] STEP_NANOS = java.util.stream.IntStream.range(0, STEPS.length).mapToObj(i -> new LongAdder())
            .toArray(LongAdder[]::new);

    /** A platform's browser and back end, as in the service's tests (OidcFlow), lean. */
    private static final class Client {
        private long mark;

        private void step(int index) {
            long now = System.nanoTime();
            STEP_NANOS[index].add(now - mark);
            mark = now;
        }

        private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
        private static final Pattern FIELD = Pattern.compile("\"(challenge|nonce|redirect|id_token)\":\"((?:[^\"\\\\]|\\\\.)*)\"");
        private final String base;
        private final String basic;
        private final CookieManager cookies = new CookieManager();
        private final HttpClient http;

        Client(String base, String secret) {
            this.base = base;
            this.basic = "Basic " + Base64.getEncoder().encodeToString(("bench-platform:" + secret).getBytes(StandardCharsets.UTF_8));
            this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
        }

        void signIn(Key key) throws Exception {
            cookies.getCookieStore().removeAll();
            mark = System.nanoTime();
            String verifier = random();
            String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            String state = random();
            String authorize = base + "/oauth2/authorize?response_type=code&client_id=bench-platform&redirect_uri="
                    + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&scope=openid%20employer%20certificate&state="
                    + state + "&nonce=" + random() + "&code_challenge=" + challenge + "&code_challenge_method=S256";
            String signInPage = expect(get(authorize), 302).headers().firstValue("Location").orElseThrow();
            String request = URI.create(signInPage).getRawQuery();
            step(0);
            HttpResponse<String> page = expect(get(signInPage), 200);
            step(1);
            Matcher csrf = CSRF.matcher(page.body());
            if (!csrf.find()) {
                throw new IllegalStateException("no CSRF token on the sign-in page");
            }
            String token = csrf.group(1);
            Map<String, String> issued = fields(expect(post("/signin/key/challenge", "{\"certificate\":\""
                    + Base64.getEncoder().encodeToString(key.certificate()) + "\",\"request\":\"" + request + "\"}", token), 200).body());
            step(2);
            byte[] presence = new byte[32];
            RANDOM.nextBytes(presence);
            String signed = issued.get("challenge") + "\npresence: " + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(presence));
            byte[] signature = key.token().sign(key.pin(), signed.getBytes(StandardCharsets.UTF_8));
            step(3);
            Map<String, String> done = fields(expect(post("/signin/key", "{\"nonce\":\"" + issued.get("nonce")
                    + "\",\"signed\":\"" + signed.replace("\n", "\\n") + "\",\"signature\":\""
                    + Base64.getEncoder().encodeToString(signature) + "\",\"certificate\":\""
                    + Base64.getEncoder().encodeToString(key.certificate()) + "\",\"request\":\"" + request + "\"}", token), 200).body());
            step(4);
            // The answer sends the browser to the platform with its code.
            String code = done.get("redirect").replace("\\u0026", "&").replaceAll(".*[?&]code=([^&]+).*", "$1");
            HttpResponse<String> tokens = http.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", basic)
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + code
                            + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                            + "&code_verifier=" + verifier)).build(), HttpResponse.BodyHandlers.ofString());
            if (!fields(expect(tokens, 200).body()).containsKey("id_token")) {
                throw new IllegalStateException("no ID token: " + tokens.body());
            }
            step(5);
        }

        private HttpResponse<String> get(String url) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : base + url))
                    .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        }

        private HttpResponse<String> post(String path, String json, String csrf) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .header("X-XSRF-TOKEN", csrf).header("Origin", base)
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        }

        private static HttpResponse<String> expect(HttpResponse<String> answer, int status) {
            if (answer.statusCode() != status) {
                throw new IllegalStateException(answer.uri() + " answered " + answer.statusCode() + ": " + answer.body());
            }
            return answer;
        }

        private static Map<String, String> fields(String json) {
            Map<String, String> found = new java.util.HashMap<>();
            Matcher field = FIELD.matcher(json);
            while (field.find()) {
                found.put(field.group(1), field.group(2).replace("\\n", "\n").replace("\\/", "/"));
            }
            return found;
        }

        private static String random() {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
    }
}
