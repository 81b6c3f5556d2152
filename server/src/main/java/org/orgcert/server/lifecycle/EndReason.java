package org.orgcert.server.lifecycle;

import org.orgcert.pki.crl.RevocationReason;
import org.orgcert.server.certificate.CertificateEvent;

/**
 * Why an employer ends a certificate (R-FEE-2), and the RFC 5280 reason its revocation carries. A lost key
 * may be in someone else's hands: keyCompromise, so relying platforms distrust even signatures dated
 * earlier. A damaged key and a cancellation end the certificate without suspicion: cessationOfOperation.
 * A new certificate afterwards is a paid REISSUE, and the employer's first-certificate status has ended.
 */
public enum EndReason {
    LOST(CertificateEvent.REPORT_LOST, "keyCompromise"),
    DAMAGED(CertificateEvent.REPORT_DAMAGED, "cessationOfOperation"),
    CANCELLED(CertificateEvent.CANCEL, "cessationOfOperation");

    private final CertificateEvent event;
    private final String rfcName;

    EndReason(CertificateEvent event, String rfcName) {
        this.event = event;
        this.rfcName = rfcName;
    }

    /** The certificate machine's event for it (which also ends every other certificate on the key). */
    public CertificateEvent event() {
        return event;
    }

    /** The reason's name in RFC 5280 (what {@code openssl ocsp} prints). */
    public String rfcName() {
        return rfcName;
    }

    public RevocationReason revocation() {
        return event.reason();
    }
}
