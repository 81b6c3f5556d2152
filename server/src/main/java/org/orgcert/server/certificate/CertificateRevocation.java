package org.orgcert.server.certificate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.orgcert.pki.crl.RevocationReason;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.domain.Refusal;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Revokes certificates: a lost USB key (keyCompromise, R-FEE-2), an information change (superseded,
 * R-FEE-1 c), cancellation or a certificate not collected in 45 days (cessationOfOperation, R-CH-7).
 */
@Service
public class CertificateRevocation {
    private final JdbcTemplate jdbc;
    private final CertificateStore store;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public CertificateRevocation(JdbcTemplate jdbc, CertificateStore store, AuditLog audit,
            ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Revokes a VALID certificate, audited in the same transaction; after commit the status capability
     * answers revoked over OCSP at once and regenerates its CRLs ({@link CertificateRevoked}).
     *
     * @throws Refusal 404 {@code unknown-certificate}; 409 {@code already-revoked}; 409
     *                    {@code not-issued} for a certificate still being issued; 400 {@code invalid-reason}
     *                    for removeFromCRL or certificateHold (OrgCert never suspends)
     */
    @Transactional
    public CertificateRecord revoke(BigInteger serial, RevocationReason reason, String actor) {
        if (reason == RevocationReason.REMOVE_FROM_CRL || reason == RevocationReason.CERTIFICATE_HOLD) {
            throw CertificateRefusal.INVALID_REASON.refuse("A certificate is revoked for good; " + reason
                    + " is not a revocation reason OrgCert uses.");
        }
        // Microseconds, what PostgreSQL keeps: CRLs compare it with when they were made (CRLs and OCSP
        // responses write whole seconds).
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // Compare-and-set VALID -> REVOKED: of two racing revocations exactly one changes the row.
        int updated = jdbc.update("UPDATE certificate SET status = 'REVOKED', revoked_at = ?, revocation_reason = ?,"
                + " revoked_by = ? WHERE serial = ? AND status = 'VALID'", Timestamp.from(now), reason.code(), actor,
                new BigDecimal(serial));
        CertificateRecord row = store.findBySerial(serial).orElseThrow(() -> CertificateRefusal.UNKNOWN_CERTIFICATE.refuse("No certificate has serial " + serial.toString(16) + "."));
        if (updated == 0) {
            throw switch (row.state()) {
                case REVOKED -> CertificateRefusal.ALREADY_REVOKED.refuse("Certificate " + row.serialHex()
                        + " was already revoked at " + row.revokedAt() + ".");
                default -> CertificateRefusal.NOT_ISSUED.refuse("Certificate " + row.serialHex()
                        + " is still being issued and cannot be revoked yet.");
            };
        }
        audit.record(new AuditEntry(actor, "certificate.revoked", "certificate", row.serialHex(),
                "reason=" + reason + ", ca=" + row.ca() + ", application=" + row.applicationId()));
        events.publishEvent(new CertificateRevoked(row.ca(), serial, now, reason));
        return row;
    }
}
