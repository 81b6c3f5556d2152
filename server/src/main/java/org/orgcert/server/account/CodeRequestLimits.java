package org.orgcert.server.account;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The limits on sign-in code requests that do not depend on the number: per client address and for the whole
 * service, token buckets kept in PostgreSQL (Bucket4j, table {@code rate_limit_bucket}, V131) so that every
 * node counts alike. A code request proves nothing about who sends it, so each one is counted here before
 * anything else: one client cannot send SMS to number after number, and many clients together cannot send
 * more than the service's budget. (The number's own allowance counts only codes actually sent:
 * {@link EmployerLogin}.) Buckets refill continuously; times come from the service's clock.
 */
@Component
class CodeRequestLimits {
    /** A limit: at most {@code perShort} in {@code shortPeriod} and {@code perDay} a day. */
    record Limit(long perShort, Duration shortPeriod, long perDay) {
        BucketConfiguration configuration() {
            return BucketConfiguration.builder()
                    .addLimit(l -> l.capacity(perShort).refillGreedy(perShort, shortPeriod))
                    .addLimit(l -> l.capacity(perDay).refillGreedy(perDay, Duration.ofDays(1)))
                    .build();
        }
    }

    private final ProxyManager<String> buckets;
    private final String prefix;
    private final BucketConfiguration perClient;
    private final BucketConfiguration all;

    @Autowired
    CodeRequestLimits(DataSource dataSource, Clock clock,
            @Value("${orgcert.account.code-requests.per-client-15min:5}") long clientShort,
            @Value("${orgcert.account.code-requests.per-client-day:20}") long clientDay,
            @Value("${orgcert.account.code-requests.all-per-minute:60}") long allShort,
            @Value("${orgcert.account.code-requests.all-per-day:3000}") long allDay) {
        this(dataSource, clock, "code-", new Limit(clientShort, Duration.ofMinutes(15), clientDay),
                new Limit(allShort, Duration.ofMinutes(1), allDay));
    }

    /** Limits whose bucket keys start with {@code prefix} (tests use their own). */
    CodeRequestLimits(DataSource dataSource, Clock clock, String prefix, Limit perClient, Limit all) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .clientClock(new ServiceTime(clock))
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofMinutes(5)))
                .build();
        this.prefix = prefix;
        this.perClient = perClient.configuration();
        this.all = all.configuration();
    }

    /**
     * Counts one code request from {@code client} (its address).
     *
     * @throws org.orgcert.server.domain.Refusal 429 {@code code-requests-limited} when this client, or every
     *         client together, has asked for too many codes lately; nothing is counted against the number
     */
    void admit(String client) {
        if (!buckets.builder().build(prefix + "client:" + client, () -> perClient).tryConsume(1)) {
            throw AccountRefusal.CODE_REQUESTS_LIMITED.refuse("too many code requests from this address;"
                    + " try again in a quarter of an hour");
        }
        if (!buckets.builder().build(prefix + "all", () -> all).tryConsume(1)) {
            throw AccountRefusal.CODE_REQUESTS_LIMITED.refuse("the service is sending too many codes right now;"
                    + " try again in a few minutes");
        }
    }

    /** Bucket4j's time from the service's clock (wall-clock based, as buckets in a shared table must be). */
    private record ServiceTime(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            java.time.Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
