package org.orgcert.server.issuance;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Accounts for the tokens of productions that failed or died before recording their certificate: every
 * ledger row still TAKEN whose application's production lock is free (no production of it is running on any
 * node) is discarded with an audit record. That includes a row whose token was never made (the ledger names a
 * token before it leaves the stock, and the call died in between): it is DISCARDED all the same, and there is
 * no file to move. Runs at start-up and as the {@code token-sweep} job.
 */
@Component
public class TokenSweep {
    static final String ACTOR = "system:token-sweep";
    private static final Logger LOG = LoggerFactory.getLogger(TokenSweep.class);

    private final TokenLedger ledger;
    private final ProductionLock lock;
    private final TokenDiscards discards;

    TokenSweep(TokenLedger ledger, ProductionLock lock, TokenDiscards discards) {
        this.ledger = ledger;
        this.lock = lock;
        this.discards = discards;
    }

    /**
     * Discards every abandoned token.
     *
     * @return how many were discarded
     */
    public int sweep() {
        int discarded = 0;
        for (TokenLedger.Taken taken : ledger.open()) {
            Optional<ProductionLock.Held> held = lock.tryAcquire(taken.applicationId());
            if (held.isEmpty()) {
                continue; // its production is running: the token is in use
            }
            try (ProductionLock.Held ignored = held.get()) {
                if (discards.discard(taken.tokenSerial(), taken.applicationId(),
                        "taken from stock, but its production ended before recording a certificate", ACTOR)) {
                    discarded++;
                }
            }
        }
        if (discarded > 0) {
            LOG.warn("discarded {} token(s) of productions that ended before recording a certificate", discarded);
        }
        return discarded;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartUp() {
        sweep();
    }
}
