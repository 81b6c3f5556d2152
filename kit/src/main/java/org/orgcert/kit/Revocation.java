package org.orgcert.kit;

import java.time.Instant;

/** What the CA's CRL or OCSP responder says of one certificate. */
sealed interface Revocation {
    /** Listed as good (OCSP) or not on a current CRL. */
    record Good() implements Revocation {
    }

    /** Revoked (or on hold) since {@code at}, for {@code reason} (an RFC 5280 CRLReason name). */
    record Revoked(Instant at, String reason) implements Revocation {
    }

    /** No usable answer: why (nothing secret, shown to the platform's staff). */
    record Unknown(String why) implements Revocation {
    }

    /** The RFC 5280 5.3.1 name of a CRLReason code. */
    static String reasonName(int code) {
        return switch (code) {
            case 0 -> "unspecified";
            case 1 -> "keyCompromise";
            case 2 -> "cACompromise";
            case 3 -> "affiliationChanged";
            case 4 -> "superseded";
            case 5 -> "cessationOfOperation";
            case 6 -> "certificateHold";
            case 8 -> "removeFromCRL";
            case 9 -> "privilegeWithdrawn";
            case 10 -> "aACompromise";
            default -> "reason " + code;
        };
    }
}
