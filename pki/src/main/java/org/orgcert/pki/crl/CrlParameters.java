package org.orgcert.pki.crl;

import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.orgcert.pki.PkiException;

/**
 * What distinguishes one CRL of a CA from the next: its number, its validity and, for a delta CRL, the
 * number of the full CRL it builds on.
 *
 * @param crlNumber       the cRLNumber, increasing across full and delta CRLs alike (RFC 5280 5.2.3)
 * @param thisUpdate      when it was issued (whole seconds are written)
 * @param nextUpdate      when the next one will be issued at the latest (whole seconds are written)
 * @param baseCrlNumber   for a delta CRL the number of its base full CRL (the deltaCRLIndicator, RFC 5280
 *                        5.2.4); {@code null} for a full CRL
 */
public record CrlParameters(BigInteger crlNumber, Instant thisUpdate, Instant nextUpdate, BigInteger baseCrlNumber) {
    /** RFC 5280 5.2.3: cRLNumber values are at most 20 octets. */
    private static final int MAX_NUMBER_OCTETS = 20;

    public CrlParameters {
        Objects.requireNonNull(crlNumber, "crlNumber");
        thisUpdate = Objects.requireNonNull(thisUpdate, "thisUpdate").truncatedTo(ChronoUnit.SECONDS);
        nextUpdate = Objects.requireNonNull(nextUpdate, "nextUpdate").truncatedTo(ChronoUnit.SECONDS);
        checkNumber(crlNumber, "CRL number");
        if (!nextUpdate.isAfter(thisUpdate)) {
            throw new PkiException(PkiException.Kind.LINT, "nextUpdate " + nextUpdate + " is not after thisUpdate "
                    + thisUpdate);
        }
        if (baseCrlNumber != null) {
            checkNumber(baseCrlNumber, "base CRL number");
            if (baseCrlNumber.compareTo(crlNumber) >= 0) {
                throw new PkiException(PkiException.Kind.LINT, "a delta CRL's number " + crlNumber
                        + " must be greater than its base CRL's number " + baseCrlNumber);
            }
        }
    }

    /** A full (complete) CRL. */
    public static CrlParameters full(BigInteger crlNumber, Instant thisUpdate, Instant nextUpdate) {
        return new CrlParameters(crlNumber, thisUpdate, nextUpdate, null);
    }

    /** A delta CRL listing the changes since full CRL {@code baseCrlNumber}. */
    public static CrlParameters delta(BigInteger crlNumber, BigInteger baseCrlNumber, Instant thisUpdate,
            Instant nextUpdate) {
        return new CrlParameters(crlNumber, thisUpdate, nextUpdate, Objects.requireNonNull(baseCrlNumber));
    }

    /** True for a delta CRL. */
    public boolean isDelta() {
        return baseCrlNumber != null;
    }

    private static void checkNumber(BigInteger number, String what) {
        if (number.signum() < 0 || (number.bitLength() + 7) / 8 > MAX_NUMBER_OCTETS) {
            throw new PkiException(PkiException.Kind.LINT,
                    "the " + what + " must be a non-negative integer of at most 20 octets");
        }
    }
}
