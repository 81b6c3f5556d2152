package org.orgcert.key.service;

import java.time.Instant;

/**
 * What the service asks the certificate's key to sign to renew it (R-REN-2), valid for a few minutes.
 *
 * @param serial     the certificate's serial in hex, as the service writes it
 * @param nonce      the one-time value to send back with the signature
 * @param expiresAt  when the nonce stops working
 * @param toBeSigned the exact bytes the token signs
 */
public record RenewalChallenge(String serial, String nonce, Instant expiresAt, byte[] toBeSigned) {
    /** Copies the bytes. */
    public RenewalChallenge {
        toBeSigned = toBeSigned.clone();
    }

    @Override
    public byte[] toBeSigned() {
        return toBeSigned.clone();
    }
}
