package org.orgcert.server.status;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A CA's latest full or delta CRL, as kept in the {@code crl} table and in memory.
 *
 * @param ca          the CA label
 * @param delta       whether it is a delta CRL
 * @param number      its cRLNumber
 * @param baseNumber  a delta CRL's base full CRL number, {@code null} for a full CRL
 * @param generatedAt when generation started (before the certificate table was read)
 * @param thisUpdate  its thisUpdate
 * @param nextUpdate  its nextUpdate
 * @param entries     how many certificates it lists
 * @param der         the CRL
 */
record StoredCrl(String ca, boolean delta, BigInteger number, BigInteger baseNumber, Instant generatedAt,
        Instant thisUpdate, Instant nextUpdate, long entries, byte[] der) {
}
