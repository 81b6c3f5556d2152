package org.orgcert.server.issuance;

import java.util.UUID;
import org.orgcert.pki.issue.IssuedCertificate;
import org.orgcert.pki.issue.PreparedCertificate;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.certificate.CertificateState;
import org.orgcert.server.certificate.CertificateStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The "sign" half of record-before-sign: signs an application's recorded TBS if it is still ISSUING, under
 * the row lock, so a second signer waits and then finds the row VALID and a TBS is signed at most once.
 * Joins the caller's transaction or starts one.
 */
@Component
class RecordedSigning {
    private final CertificateAuthorities authorities;
    private final CertificateStore store;
    private final AuditLog audit;
    private final TransactionTemplate transaction;

    RecordedSigning(CertificateAuthorities authorities, CertificateStore store, AuditLog audit,
            PlatformTransactionManager transactions) {
        this.authorities = authorities;
        this.store = store;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
    }

    CertificateRecord sign(UUID applicationId, String actor) {
        return transaction.execute(status -> {
            CertificateRecord row = store.lockForSigning(applicationId).orElseThrow();
            if (row.state() != CertificateState.ISSUING) {
                return row;
            }
            IssuedCertificate issued = authorities.forLabel(row.ca()).issuer().sign(new PreparedCertificate(
                    row.serial(), row.tbs(), row.profile(), row.notBefore(), row.notAfter()));
            store.markSigned(row.serial(), issued.der());
            audit.record(new AuditEntry(actor, "certificate.signed", "certificate", row.serialHex(),
                    "ca=" + row.ca() + ", application=" + applicationId));
            return store.findByApplication(applicationId).orElseThrow();
        });
    }
}
