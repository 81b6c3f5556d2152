package org.orgcert.pki.crl;

import org.bouncycastle.asn1.x509.CRLReason;

/**
 * The CRLReason codes of RFC 5280 5.3.1, used in CRL entries and in OCSP revoked responses.
 *
 * <p>How OrgCert's business events map onto them:
 * <ul>
 *   <li>loss of the USB key, or a key believed exposed: {@link #KEY_COMPROMISE};</li>
 *   <li>information change (new name, address) with a replacement certificate: {@link #SUPERSEDED};</li>
 *   <li>cancellation (注销), including a certificate not collected within 45 days (R-CH-7):
 *       {@link #CESSATION_OF_OPERATION};</li>
 *   <li>the employer dissolved, merged or left the bureau's scope: {@link #AFFILIATION_CHANGED}.</li>
 * </ul>
 * Code 7 is unassigned in RFC 5280 and has no constant.
 */
public enum RevocationReason {
    /** No reason given; entries with it carry no reasonCode extension (RFC 5280 5.3.1 recommends that). */
    UNSPECIFIED(0),
    /** The subject's private key is (or may be) known to someone else; for OrgCert: the token was lost. */
    KEY_COMPROMISE(1),
    /** A CA's key was compromised. */
    CA_COMPROMISE(2),
    /** The subject's name or affiliation changed. */
    AFFILIATION_CHANGED(3),
    /** Replaced by a new certificate, e.g. after an information change. */
    SUPERSEDED(4),
    /** No longer needed: cancellation, or not collected in time (R-CH-7). */
    CESSATION_OF_OPERATION(5),
    /** Suspended, may be lifted later with {@link #REMOVE_FROM_CRL} in a delta CRL. */
    CERTIFICATE_HOLD(6),
    /** Only in delta CRLs: a held certificate is valid again (RFC 5280 5.2.4); never in a full CRL or OCSP. */
    REMOVE_FROM_CRL(8),
    /** A privilege in the certificate was withdrawn. */
    PRIVILEGE_WITHDRAWN(9),
    /** An attribute authority was compromised. */
    AA_COMPROMISE(10);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    /** The CRLReason ENUMERATED value. */
    public int code() {
        return code;
    }

    /**
     * The reason of a CRLReason code.
     *
     * @throws IllegalArgumentException for 7 or any code outside 0..10
     */
    public static RevocationReason of(int code) {
        for (RevocationReason reason : values()) {
            if (reason.code == code) {
                return reason;
            }
        }
        throw new IllegalArgumentException("no CRLReason has code " + code);
    }

    /**
     * The reason of a code read from someone else's CRL or OCSP response: an undefined code (7, or outside
     * 0..10) counts as {@link #UNSPECIFIED} rather than failing, since the certificate is revoked either way.
     */
    public static RevocationReason fromCode(int code) {
        for (RevocationReason reason : values()) {
            if (reason.code == code) {
                return reason;
            }
        }
        return UNSPECIFIED;
    }

    /** The reason of Bouncy Castle's CRLReason (as read from a reasonCode extension), leniently. */
    public static RevocationReason of(CRLReason reason) {
        return fromCode(reason.getValue().intValue());
    }

    /** This reason as Bouncy Castle's CRLReason, for reasonCode extensions and OCSP RevokedInfo. */
    public CRLReason toCrlReason() {
        return CRLReason.lookup(code);
    }
}
