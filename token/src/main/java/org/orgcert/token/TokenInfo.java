package org.orgcert.token;

import org.orgcert.pki.algorithm.KeyAlgorithm;

/**
 * What anyone may read from a token without a PIN, like the label printed on a USB key and its status LED.
 *
 * @param serial         the token's serial number (also binds its unblock secret)
 * @param label          a human label, e.g. the employer's short name
 * @param algorithm      the key's algorithm, or {@code null} while the token has no key
 * @param state          the life-cycle state ({@link TokenState#LOCKED} when locked)
 * @param retriesLeft    PIN tries left before the token locks
 * @param maxRetries     PIN tries a correct PIN restores
 * @param hasKey         whether a key pair exists on the token
 * @param hasCertificate   whether a certificate for that key was imported
 * @param unblockCodesLeft unused unblock codes; when low (e.g. below 2), the service should send new ones
 *                         ({@link Token#replenishUnblockCodes}) while the user can still give the PIN
 */
public record TokenInfo(String serial, String label, KeyAlgorithm algorithm, TokenState state, int retriesLeft,
        int maxRetries, boolean hasKey, boolean hasCertificate, int unblockCodesLeft) {
}
