package org.orgcert.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.domain.Refusal;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 12.9: code requests count against the client's address and the whole service, in buckets every node
 * shares (PostgreSQL). The service's defaults: 5 per client in 15 minutes and 20 a day; 60 a minute and 3,000 a
 * day for everyone. (The shared test context lifts them, since the suite asks from one address; each test
 * here has buckets of its own.)
 */
@ServiceTest
class CodeRequestLimitsTest extends ServiceTestBase {
    private static final CodeRequestLimits.Limit PER_CLIENT = new CodeRequestLimits.Limit(5, Duration.ofMinutes(15), 20);
    private static final CodeRequestLimits.Limit EVERYONE = new CodeRequestLimits.Limit(60, Duration.ofMinutes(1), 3000);

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    private CodeRequestLimits limits(CodeRequestLimits.Limit perClient, CodeRequestLimits.Limit everyone) {
        return new CodeRequestLimits(dataSource, clock, "test-" + UUID.randomUUID() + "-", perClient, everyone);
    }

    private static void refused(Runnable request) {
        assertThatThrownBy(request::run).isInstanceOfSatisfying(Refusal.class,
                r -> assertThat(r.code()).isEqualTo(AccountRefusal.CODE_REQUESTS_LIMITED));
    }

    @Test
    @DisplayName("issue 12.9: one client gets 5 code requests a quarter of an hour and 20 a day; another is not held up")
    void perClient() {
        CodeRequestLimits limits = limits(PER_CLIENT, EVERYONE);
        for (int i = 0; i < 5; i++) {
            limits.admit("203.0.113.7");
        }
        refused(() -> limits.admit("203.0.113.7"));
        limits.admit("198.51.100.20");
        for (int quarter = 1; quarter < 4; quarter++) {
            clock.advance(Duration.ofMinutes(15));
            for (int i = 0; i < 5; i++) {
                limits.admit("203.0.113.7");
            }
        }
        clock.advance(Duration.ofMinutes(15));
        refused(() -> limits.admit("203.0.113.7"));
        clock.advance(Duration.ofDays(1));
        limits.admit("203.0.113.7");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rate_limit_bucket WHERE id LIKE 'test-%client:203.0.113.0/24'",
                Integer.class)).isPositive();
    }

    @Test
    @DisplayName("issue 12 review 6: a client is its /24 (IPv4) or /64 (IPv6): rotating addresses inside it gains nothing")
    void perNetwork() {
        CodeRequestLimits limits = limits(PER_CLIENT, EVERYONE);
        for (int i = 0; i < 5; i++) {
            limits.admit("203.0.113." + (10 + i));
        }
        refused(() -> limits.admit("203.0.113.250"));
        limits.admit("203.0.114.10");
        for (int i = 0; i < 5; i++) {
            limits.admit("2001:db8:1:2:" + i + "::" + i);
        }
        refused(() -> limits.admit("2001:db8:1:2:ffff::1"));
        limits.admit("2001:db8:1:3::1");
        assertThat(CodeRequestLimits.network("::ffff:198.51.100.7")).isEqualTo("198.51.100.0/24");
        assertThat(CodeRequestLimits.network("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0::/64");
    }

    @Test
    @DisplayName("issue 12.9: many clients together stop at the service's limit")
    void everyoneTogether() {
        CodeRequestLimits limits = limits(PER_CLIENT, new CodeRequestLimits.Limit(3, Duration.ofMinutes(1), 10));
        for (int i = 0; i < 3; i++) {
            limits.admit("192.0.2." + i);
        }
        refused(() -> limits.admit("192.0.2.99"));
        clock.advance(Duration.ofMinutes(1));
        limits.admit("192.0.2.99");
    }
}
