package org.orgcert.bench;

import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.StaffRole;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.OrgCertApplication;
import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.application.Channel;
import org.orgcert.server.application.Delivery;
import org.orgcert.server.application.SubmitApplication;
import org.orgcert.server.account.StaffAccounts;
import org.orgcert.server.employer.EmployerType;
import org.orgcert.server.domain.StaffRole;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code bench/run portal}: the portal's pages under load, the service in-process on embedded PostgreSQL.
 * 50 concurrent sessions for 20 s: 25 staff members (signed in on the form) opening their workbench ({@code /staff})
 * and 25 employer agents (signed in with a one-time code) opening their application's status page
 * ({@code /my/applications/<id>}). Twice: as people use pages, each session reading its page for 0.5 s
 * before the next ({@code portal.page.*}), and saturated, each session asking again the moment its page
 * arrives ({@code portal.page.*.saturated}: 50 requests always in flight on two cores, so latency there is
 * mostly queueing). Prints p50/p95/p99 per page.
 */
public final class PortalBench {
    private static final int SESSIONS = 50;
    private static final int SECONDS = Integer.getInteger("seconds", 20);
    private static final String PASSWORD = "portal-bench-password-1";

    private PortalBench() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Files.createTempDirectory("orgcert-portal-bench");
        String[] properties = {"--orgcert.data-dir=" + data, "--server.port=0", "--orgcert.issuance.hierarchies=sm2",
            "--db-scheduler.enabled=false", "--orgcert.dev-outbox-visible=true", "--orgcert.account.bcrypt-strength=4",
            "--logging.level.root=WARN"};
        List<String> lines = new ArrayList<>();
        try (ConfigurableApplicationContext context = SpringApplication.run(OrgCertApplication.class, properties)) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            String base = "http://127.0.0.1:" + port;
            StaffAccounts staff = context.getBean(StaffAccounts.class);
            ApplicationService applications = context.getBean(ApplicationService.class);
            staff.create("bench-admin", StaffRole.BUREAU_ADMIN, null, PASSWORD.toCharArray(), "system:bench");
            List<Session> sessions = new ArrayList<>();
            for (int i = 0; i < SESSIONS / 2; i++) {
                String user = "bench-clerk-" + i;
                staff.create(user, StaffRole.WINDOW_CLERK, "wuhua", PASSWORD.toCharArray(), "system:bench");
                sessions.add(Session.staff(base, user));
            }
            for (int i = 0; i < SESSIONS / 2; i++) {
                Uscc uscc = Uscc.complete("91", "530102", String.format("%08d", 30_000_000 + i));
                String mobile = "136" + String.format("%08d", 10_000_000 + i);
                Session agent = Session.employer(base, uscc, mobile);
                UUID id = applications.submit(new SubmitApplication(ApplicationKind.NEW, "昆明市门户基准" + i + "有限公司",
                        uscc, EmployerType.ENTERPRISE_OR_INDIVIDUAL_BUSINESS, "张三", true, "张三", Channel.WINDOW,
                        Delivery.WINDOW_PICKUP, "wuhua", null), null,
                        new Actor.Staff("bench-clerk", StaffRole.WINDOW_CLERK, "wuhua")).id();
                sessions.add(agent.page("/my/applications/" + id));
            }
            lines.addAll(run(sessions, 500, ""));
            lines.addAll(run(sessions, 0, ".saturated"));
        }
        System.out.println();
        lines.forEach(System.out::println);
        System.exit(0);
    }

    private static List<String> run(List<Session> sessions, long thinkMillis, String suffix) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(sessions.size());
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<long[]>> futures = new ArrayList<>();
        for (Session session : sessions) {
            futures.add(pool.submit(() -> {
                long[] samples = new long[200_000];
                int n = 0;
                while (!stop.get()) {
                    long start = System.nanoTime();
                    session.get();
                    if (measuring.get() && n < samples.length) {
                        samples[n++] = System.nanoTime() - start;
                    }
                    if (thinkMillis > 0) {
                        Thread.sleep(thinkMillis);
                    }
                }
                return Arrays.copyOf(samples, n);
            }));
        }
        Thread.sleep(3000); // warm-up
        measuring.set(true);
        Thread.sleep(SECONDS * 1000L);
        stop.set(true);
        List<long[]> staff = new ArrayList<>();
        List<long[]> employer = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            (sessions.get(i).isStaff() ? staff : employer).add(futures.get(i).get());
        }
        pool.shutdown();
        List<String> lines = new ArrayList<>();
        lines.addAll(percentiles("portal.page.staff-queue" + suffix, staff));
        lines.addAll(percentiles("portal.page.employer-status" + suffix, employer));
        lines.add(String.format(Locale.ROOT, "portal.page.sessions%s %d sessions", suffix, sessions.size()));
        return lines;
    }

    private static List<String> percentiles(String name, List<long[]> runs) {
        long[] all = runs.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        if (all.length == 0) {
            return List.of(name + " no samples");
        }
        return List.of(String.format(Locale.ROOT, "%s.p50 %.1f ms", name, all[all.length / 2] / 1e6),
                String.format(Locale.ROOT, "%s.p95 %.1f ms", name, all[(int) (all.length * 0.95)] / 1e6),
                String.format(Locale.ROOT, "%s.p99 %.1f ms", name, all[(int) (all.length * 0.99)] / 1e6),
                String.format(Locale.ROOT, "%s.rate %.0f pages/s", name, all.length / (double) SECONDS));
    }

    /** One browser-like session: its cookies, and the page it keeps opening. */
    private static final class Session {
        private final HttpClient http;
        private final String base;
        private String path;
        private boolean staff;

        private Session(String base, String path) {
            this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            this.base = base;
            this.path = path;
        }

        /**
         * Signs {@code user} in on the sign-in form, as a browser does: one password check per session. (HTTP
         * Basic would check the bcrypt hash on every page, which measures the hash, not the page.)
         */
        static Session staff(String base, String user) throws Exception {
            Session session = new Session(base, "/staff");
            session.send("GET", "/api/v1/csrf", null, null);
            HttpResponse<String> signedIn = session.http.send(HttpRequest.newBuilder(URI.create(base + "/staff/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + PASSWORD + "&_csrf="
                            + session.xsrf())).build(), HttpResponse.BodyHandlers.ofString());
            if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("Location").orElse("").contains("error")) {
                throw new IllegalStateException(user + " could not sign in: " + signedIn.statusCode());
            }
            session.staff = true;
            return session;
        }

        /** Registers the employer with {@code mobile} and signs its agent in with the code from the outbox. */
        static Session employer(String base, Uscc uscc, String mobile) throws Exception {
            Session session = new Session(base, null);
            String admin = "Basic " + Base64.getEncoder().encodeToString(("bench-admin:" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            session.send("POST", "/api/v1/employers", admin, "{\"uscc\":\"" + uscc + "\",\"name\":\"昆明市门户基准有限公司\","
                    + "\"address\":\"昆明市五华区\",\"legalRepresentative\":{\"name\":\"张三\",\"idNumber\":"
                    + "\"11010519491231002X\",\"mobile\":\"" + mobile + "\"},\"contacts\":[{\"name\":\"李四\",\"mobile\":\""
                    + mobile + "\"}]}");
            session.send("GET", "/api/v1/csrf", null, null);
            session.send("POST", "/api/v1/employer-login/code", null, "{\"mobile\":\"" + mobile + "\"}");
            String outbox = session.send("GET", "/api/v1/notifications", admin, null);
            String masked = mobile.substring(0, 3) + "****" + mobile.substring(7);
            java.util.regex.Matcher code = java.util.regex.Pattern.compile("\"recipient\":\"" + java.util.regex.Pattern
                    .quote(masked) + "\"[^}]*?(\\d{6})").matcher(outbox);
            if (!code.find()) {
                throw new IllegalStateException("no code for " + masked + " in the outbox");
            }
            session.send("POST", "/api/v1/employer-login", null, "{\"mobile\":\"" + mobile + "\",\"code\":\""
                    + code.group(1) + "\"}");
            return session;
        }

        Session page(String page) {
            this.path = page;
            return this;
        }

        boolean isStaff() {
            return staff;
        }

        void get() {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(path + " answered " + response.statusCode());
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private String xsrf() {
            return ((CookieManager) http.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals("XSRF-TOKEN")).map(java.net.HttpCookie::getValue).findFirst()
                    .orElse(null);
        }

        private String send(String method, String path, String auth, String json) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
            if (auth != null) {
                request.header("Authorization", auth);
            }
            String xsrf = xsrf();
            if (xsrf != null) {
                request.header("X-XSRF-TOKEN", xsrf);
            }
            request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        }
    }
}
