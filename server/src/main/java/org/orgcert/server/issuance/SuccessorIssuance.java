package org.orgcert.server.issuance;

import java.time.Instant;
import java.util.UUID;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.orgcert.pki.PkiException;
import org.orgcert.pki.issue.CertificateSubject;
import org.orgcert.pki.issue.IssueRequest;
import org.orgcert.pki.issue.PreparedCertificate;
import org.orgcert.pki.profile.CertificateProfiles;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.certificate.NewCertificate;
import org.orgcert.server.domain.Refusal;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues a successor certificate for the key already on an employer's USB key: a renewal (R-REN-1..3) or an
 * information change (R-FEE-1 c). Record before sign as for new keys: {@link #record} in the caller's
 * transaction, which commits, then {@link #sign}. The successor names its predecessor, so a certificate has
 * at most one (a unique index), and keeps the predecessor's token serial and "first" status.
 */
@Service
public class SuccessorIssuance {
    private final CertificateAuthorities authorities;
    private final CertificateStore store;
    private final RecordedSigning signing;
    private final AuditLog audit;

    SuccessorIssuance(CertificateAuthorities authorities, CertificateStore store,
            RecordedSigning signing, AuditLog audit) {
        this.authorities = authorities;
        this.store = store;
        this.signing = signing;
        this.audit = audit;
    }

    /**
     * What to issue.
     *
     * @param applicationId the RENEWAL or INFO_CHANGE application
     * @param predecessor   the certificate whose key is certified again
     * @param employerName  the name in the new certificate (changed or not)
     * @param notAfter      the end of the new validity
     * @param actor         who asks, for the audit log
     */
    public record Order(UUID applicationId, CertificateRecord predecessor, String employerName, Instant notAfter,
            String actor) {
    }

    /**
     * Prepares and records (ISSUING) the successor in the caller's transaction.
     *
     * @throws Refusal 400 {@code invalid-employer-name}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public CertificateRecord record(Order order) {
        CertificateRecord predecessor = order.predecessor();
        CertificateAuthorities.Ca ca = authorities.forNewCertificateOf(predecessor.ca());
        CertificateSubject.Employer employer = new CertificateSubject.Employer(order.employerName(), predecessor.uscc());
        PreparedCertificate prepared;
        try {
            prepared = ca.issuer().prepare(IssueRequest.successor(CertificateProfiles.EMPLOYER_SIGNING, employer,
                    publicKey(predecessor), order.notAfter()));
        } catch (PkiException e) {
            throw IssuanceRefusal.INVALID_EMPLOYER_NAME.refuse(e.getMessage());
        }
        var recorded = store.record(new NewCertificate(order.applicationId(), ca.label(), predecessor.uscc(),
                order.employerName(), predecessor.algorithm(), prepared, predecessor.tokenSerial(),
                predecessor.serial()));
        audit.record(new AuditEntry(order.actor(), "certificate.recorded", "certificate",
                recorded.certificate().serialHex(), "application=" + order.applicationId() + ", successor of "
                        + predecessor.serialHex() + ", same key on token " + predecessor.tokenSerial()));
        return recorded.certificate();
    }

    /** Signs the application's recorded successor (once, however often called). */
    public CertificateRecord sign(UUID applicationId, String actor) {
        return signing.sign(applicationId, actor);
    }

    private static SubjectPublicKeyInfo publicKey(CertificateRecord certificate) {
        try {
            return new X509CertificateHolder(certificate.certificate().orElseThrow()).getSubjectPublicKeyInfo();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored certificate " + certificate.serialHex() + " does not parse", e);
        }
    }
}
