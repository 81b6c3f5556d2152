package org.orgcert.server.certificate;

import org.orgcert.pki.ocsp.CertificateStatus;

/**
 * Where a certificate is in its life, as the store records it.
 *
 * <pre>
 *   ISSUING --signed--&gt; VALID --revoked--&gt; REVOKED
 * </pre>
 * Nothing else: a certificate is never un-revoked (OrgCert uses no certificateHold), and an ISSUING row is
 * completed by signing its recorded TBS, never revoked or replaced.
 */
public enum CertificateState {
    /** Recorded (serial and TBS committed) but not signed yet: invariant "record before sign". */
    ISSUING,
    /** Signed and in force (expiry does not change the state; OCSP keeps answering good, RFC 6960). */
    VALID,
    /** Revoked; listed in CRLs and answered revoked by OCSP. */
    REVOKED;

    /** What OCSP says about a certificate in this state; an ISSUING row was never handed out: unknown. */
    CertificateStatus status(CertificateRecord record) {
        return switch (this) {
            case ISSUING -> CertificateStatus.UNKNOWN;
            case VALID -> CertificateStatus.GOOD;
            case REVOKED -> new CertificateStatus.Revoked(record.revokedAt(), record.revocationReason());
        };
    }
}
