package org.orgcert.server.issuance;

import java.util.UUID;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a token that will never carry a certificate out of use: DISCARDED in the ledger with its reason and
 * an audit record in one transaction, then out of the stock. The one way a token is discarded, whether its
 * production lost a race, failed, or died ({@link TokenSweep}).
 */
@Component
class TokenDiscards {
    private final TokenLedger ledger;
    private final TokenStock stock;
    private final AuditLog audit;
    private final TransactionTemplate transaction;

    TokenDiscards(TokenLedger ledger, TokenStock stock, AuditLog audit, PlatformTransactionManager transactions) {
        this.ledger = ledger;
        this.stock = stock;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Discards {@code tokenSerial} if the ledger still has it TAKEN. Call it only while holding the
     * application's production lock, so no running production loses its token.
     *
     * @return false when the token was used or discarded before (nothing changed)
     */
    boolean discard(String tokenSerial, UUID applicationId, String reason, String actor) {
        Boolean discarded = transaction.execute(status -> {
            if (!ledger.discarded(tokenSerial, reason)) {
                return false;
            }
            audit.record(new AuditEntry(actor, "token.discarded", "token", tokenSerial,
                    "application=" + applicationId + ": " + reason));
            return true;
        });
        if (Boolean.TRUE.equals(discarded)) {
            // After the commit: a token that stays in the folder is still DISCARDED in the ledger.
            stock.discard(tokenSerial);
        }
        return Boolean.TRUE.equals(discarded);
    }
}
