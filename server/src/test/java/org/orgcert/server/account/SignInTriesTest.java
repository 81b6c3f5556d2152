package org.orgcert.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.orgcert.server.audit.AuditLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Issue 12.7: the lock-out holds under concurrency. A try is counted before its password is checked
 * ({@link SignInTries}), so guesses sent at once get no more checks than guesses sent one after another: 5 per
 * 15-minute lock. The audit log has one {@code staff.sign-in-failed} per checked wrong password.
 */
@ServiceTest
@AutoConfigureRestTestClient
class SignInTriesTest extends ServiceTestBase {
    private static final String PASSWORD = "correct horse battery";

    @Autowired
    RestTestClient client;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditLog audit;

    private String create() {
        String name = "t7-" + UUID.randomUUID().toString().substring(0, 8);
        client.post().uri("/api/v1/staff").headers(TestStaff.as(TestStaff.ADMIN)).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", name, "role", "CA_REVIEWER", "password", PASSWORD)).exchange()
                .expectStatus().isCreated();
        return name;
    }

    private int me(String user, String password) {
        return client.get().uri("/api/v1/me").headers(h -> h.setBasicAuth(user, password)).exchange()
                .returnResult(String.class).getStatus().value();
    }

    private long checkedWrong(String user) {
        return audit.history("staff", user).stream().filter(r -> r.entry().action().equals("staff.sign-in-failed"))
                .count();
    }

    private boolean locked(String user) {
        return jdbc.queryForObject("SELECT locked_until IS NOT NULL FROM staff_account WHERE username = ?",
                Boolean.class, user);
    }

    @Test
    @DisplayName("issue 12.7: 40 wrong passwords in parallel and the right one: 5 checked, the right one refused while locked")
    void fortyParallelGuessesGetFiveChecks() throws Exception {
        String name = create();
        ExecutorService pool = Executors.newFixedThreadPool(41);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> wrong = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String guess = "wrong password " + i;
                wrong.add(pool.submit(() -> {
                    go.await();
                    return me(name, guess);
                }));
            }
            // The right one goes out while the guesses are still arriving, as soon as the lock is in place.
            Future<Integer> right = pool.submit(() -> {
                go.await();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> locked(name));
                return me(name, PASSWORD);
            });
            go.countDown();
            for (Future<Integer> answer : wrong) {
                assertThat(answer.get()).isEqualTo(401);
            }
            assertThat(right.get()).as("the right password while locked").isEqualTo(401);
        } finally {
            pool.shutdownNow();
        }
        assertThat(checkedWrong(name)).as("passwords checked in one lock").isEqualTo(5);
        assertThat(audit.history("staff", name)).filteredOn(r -> r.entry().action().equals("staff.locked")).hasSize(1);
        clock.advance(Duration.ofMinutes(15));
        assertThat(me(name, PASSWORD)).isEqualTo(200);
    }

    @Test
    @DisplayName("issue 12.7: 40 wrong passwords and the right one all at once: at most 5 passwords checked")
    void allAtOnceAtMostFiveChecks() throws Exception {
        String name = create();
        ExecutorService pool = Executors.newFixedThreadPool(41);
        int signedIn = 0;
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i <= 40; i++) {
                String password = i == 20 ? PASSWORD : "wrong password " + i;
                answers.add(pool.submit(() -> {
                    go.await();
                    return me(name, password);
                }));
            }
            go.countDown();
            for (Future<Integer> answer : answers) {
                signedIn += answer.get() == 200 ? 1 : 0;
            }
        } finally {
            pool.shutdownNow();
        }
        // The right one is among the 5 checked (and signs in) or comes after the lock (and is refused).
        assertThat(checkedWrong(name) + signedIn).isLessThanOrEqualTo(5);
        assertThat(signedIn == 1 || locked(name)).isTrue();
    }

    @Test
    @DisplayName("issue 12.7: a script's many parallel calls with the right password all pass, nothing is locked")
    void parallelRightPasswordsAreNotRefused() throws Exception {
        String name = create();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return me(name, PASSWORD);
                }));
            }
            go.countDown();
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(locked(name)).isFalse();
        assertThat(jdbc.queryForObject("SELECT tries_pending FROM staff_account WHERE username = ?", Integer.class,
                name)).isZero();
    }
}
