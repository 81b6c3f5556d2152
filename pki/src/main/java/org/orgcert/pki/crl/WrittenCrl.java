package org.orgcert.pki.crl;

import java.math.BigInteger;

/**
 * What {@link CrlWriter} wrote, for logs and the CRL table.
 *
 * @param crlNumber the CRL's number
 * @param delta     whether it is a delta CRL
 * @param entries   how many revoked certificates it lists
 * @param bytes     its DER size
 */
public record WrittenCrl(BigInteger crlNumber, boolean delta, long entries, long bytes) {
}
