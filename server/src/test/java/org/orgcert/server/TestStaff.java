package org.orgcert.server;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Staff accounts every {@link ServiceTest} can sign in as with HTTP Basic: one per role and a window clerk
 * per window ({@code t-clerk-<window id>}), all with {@link #PASSWORD}, created when the shared context
 * starts (hashed at the tests' low bcrypt cost). Tests pass {@code .headers(TestStaff.as(TestStaff.REVIEWER))}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestStaff {
    public static final String PASSWORD = "test-password-123";
    public static final String ADMIN = "t-admin";
    public static final String AUDITOR = "t-auditor";
    public static final String CA_CLERK = "t-ca-clerk";
    public static final String REVIEWER = "t-reviewer";
    public static final String OPERATOR = "t-operator";
    public static final String SERVICE = "t-service";
    /** The windows of {@code windows.csv}. */
    public static final List<String> WINDOWS = List.of("fumin", "xundian", "nanba", "wuhua", "chenggong",
            "yangzonghai", "xishan", "songming", "luquan", "shilin", "kaifaqu", "anning", "dongchuan", "jinning",
            "guandu", "zhijie", "panlong", "yiliang");

    /** The clerk of {@code window}. */
    public static String clerk(String window) {
        return "t-clerk-" + window;
    }

    /** HTTP Basic credentials of test user {@code username}. */
    public static Consumer<HttpHeaders> as(String username) {
        return headers -> headers.setBasicAuth(username, PASSWORD);
    }

    /** {@code client} signing every request in as {@code username} (a request's own credentials win). */
    public static RestTestClient signedIn(RestTestClient client, String username) {
        RestTestClient.Builder<?> builder = client.mutate();
        builder.defaultHeaders(as(username));
        return builder.build();
    }

    /** Every test user and their role and window. */
    static Map<String, String[]> users() {
        Map<String, String[]> users = new LinkedHashMap<>();
        users.put(ADMIN, new String[] {"BUREAU_ADMIN", null});
        users.put(AUDITOR, new String[] {"AUDITOR", null});
        users.put(CA_CLERK, new String[] {"CA_CLERK", null});
        users.put(REVIEWER, new String[] {"CA_REVIEWER", null});
        users.put(OPERATOR, new String[] {"CA_OPERATOR", null});
        users.put(SERVICE, new String[] {"CA_SERVICE", null});
        for (String window : WINDOWS) {
            users.put(clerk(window), new String[] {"WINDOW_CLERK", window});
        }
        return users;
    }

    @Bean
    ApplicationRunner seedTestStaff(JdbcTemplate jdbc, PasswordEncoder encoder) {
        return arguments -> {
            String hash = encoder.encode(PASSWORD);
            Timestamp now = Timestamp.from(Instant.now());
            users().forEach((name, roleAndWindow) -> jdbc.update("INSERT INTO staff_account (username, password_hash,"
                    + " role, window_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO"
                    + " UPDATE SET password_hash = EXCLUDED.password_hash, enabled = TRUE, failed_logins = 0,"
                    + " tries_pending = 0, locked_until = NULL", name, hash, roleAndWindow[0], roleAndWindow[1], now, now));
        };
    }
}
