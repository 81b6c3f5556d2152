package org.orgcert.server.lifecycle;

import org.orgcert.pki.crl.RevocationReason;

/**
 * Why an employer ends a certificate (R-FEE-2), and the RFC 5280 reason its revocation carries. A lost key
 * may be in someone else's hands: keyCompromise, so relying platforms distrust even signatures dated
 * earlier. A damaged key and a cancellation end the certificate without suspicion: cessationOfOperation.
 * A new certificate afterwards is a paid REISSUE, and the employer's first-certificate status has ended.
 */
public enum EndReason {
    LOST(RevocationReason.KEY_COMPROMISE, "keyCompromise"),
    DAMAGED(RevocationReason.CESSATION_OF_OPERATION, "cessationOfOperation"),
    CANCELLED(RevocationReason.CESSATION_OF_OPERATION, "cessationOfOperation");

    private final RevocationReason revocation;
    private final String rfcName;

    EndReason(RevocationReason revocation, String rfcName) {
        this.revocation = revocation;
        this.rfcName = rfcName;
    }

    /** The reason's name in RFC 5280 (what {@code openssl ocsp} prints). */
    public String rfcName() {
        return rfcName;
    }

    public RevocationReason revocation() {
        return revocation;
    }
}
