package org.orgcert.server.issuance;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many productions run at once and how long a producer waits for its turn
 * ({@code orgcert.issuance.production.*}).
 *
 * @param concurrency how many productions run at the same time: the size of the production lock's own
 *                    connection pool (default 4; production is CPU- and token-bound, and each software token's
 *                    PIN key costs scrypt memory, so more buys nothing on a small machine)
 * @param maxWait     how long a producer waits for a free production slot, or for another call producing the
 *                    same application, before it is refused without spending a key (default 30 s)
 */
@ConfigurationProperties("orgcert.issuance.production")
public record ProductionSettings(Integer concurrency, Duration maxWait) {

    public ProductionSettings {
        concurrency = concurrency == null ? 4 : concurrency;
        maxWait = maxWait == null ? Duration.ofSeconds(30) : maxWait;
        if (concurrency < 1 || maxWait.toMillis() < 250) {
            throw new IllegalArgumentException("orgcert.issuance.production needs concurrency >= 1 and max-wait >= 250ms");
        }
    }
}
