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
 *
 * <p>A client is its network, not its address (issue 12 review, finding 6): a /24 for IPv4 and a /64 for
 * IPv6, since one party holds a whole /64 (every home line gets one) and commonly many neighbouring IPv4
 * addresses; counting single addresses would let it rotate through them. Its address is the socket's unless an
 * operator named a trusted proxy ({@code TrustedProxies}), so it cannot be made up in a header.
 *
 * <p>Why the service-wide limit stays and whom it binds: it is the SMS budget, the one thing that stops many
 * networks together from sending texts to number after number. It binds only requests that prove nothing,
 * from browsers that never completed a sign-in for the number ({@link EmployerLogin#sendCode} skips these limits
 * for a browser holding the number's signed-in proof): an employer signing in again from its own browser is
 * never held up by strangers filling the budget. Strangers exhausting it now need to spread over at least
 * limit/per-client networks (12 /24s for a minute's 60), since one network's share is its per-client limit.
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
        if (!buckets.builder().build(prefix + "client:" + network(client), () -> perClient).tryConsume(1)) {
            throw AccountRefusal.CODE_REQUESTS_LIMITED.refuse("too many code requests from this address;"
                    + " try again in a quarter of an hour");
        }
        if (!buckets.builder().build(prefix + "all", () -> all).tryConsume(1)) {
            throw AccountRefusal.CODE_REQUESTS_LIMITED.refuse("the service is sending too many codes right now;"
                    + " try again in a few minutes");
        }
    }

    /**
     * The network a client address counts as: {@code a.b.c.0/24} for IPv4 (also IPv4-mapped IPv6),
     * {@code x:x:x:x::/64} for IPv6; anything that is not an address literal counts as itself.
     */
    static String network(String client) {
        if (client == null || !client.matches("[0-9A-Fa-f:.]*[:.][0-9A-Fa-f:.]*(%[0-9A-Za-z]+)?")) {
            return String.valueOf(client);
        }
        String literal = client.indexOf('%') >= 0 ? client.substring(0, client.indexOf('%')) : client;
        byte[] bytes;
        try {
            // A literal only (checked above): no name is looked up.
            bytes = java.net.InetAddress.getByName(literal).getAddress();
        } catch (java.net.UnknownHostException e) {
            return client;
        }
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0/24";
        }
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return prefix + ":/64";
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
