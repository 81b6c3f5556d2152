package org.orgcert.token;

import java.util.Arrays;

/**
 * The bureau's side of unblocking (free, R-FEE-1 d): answers a token's challenge from a master key.
 *
 * <p>Per token, S = HMAC-SHA256(master, "orgcert-unblock" || serial); an answer to challenge c is
 * HMAC-SHA256(S, c) cut to 128 bits. Tokens never hold S, only a secret wrapped under one answer, so reading
 * a token file reveals neither S nor the master key, and an answer for one token or one challenge is useless
 * for any other. The master key belongs in the bureau's HSM or key store, never in a token.
 */
public final class UnblockAuthority {
    private static final byte[] DOMAIN = Crypto.utf8("orgcert-unblock");
    private final byte[] master;

    /** An authority over a 32-byte master key. */
    public UnblockAuthority(byte[] masterKey) {
        if (masterKey == null || masterKey.length != 32) {
            throw new IllegalArgumentException("the unblock master key must have 32 bytes");
        }
        this.master = masterKey.clone();
    }

    /** The first challenge and its answer for a new token with {@code serial}, at personalisation. */
    public UnblockSeed provision(String serial) {
        byte[] challenge = Crypto.random(UnblockChallenge.HALF_BYTES);
        return new UnblockSeed(challenge, answer(serial, challenge));
    }

    /** The response that unblocks the token with {@code serial} that showed {@code challenge}. */
    public UnblockResponse respond(String serial, UnblockChallenge challenge) {
        return new UnblockResponse(answer(serial, challenge.current()), answer(serial, challenge.next()));
    }

    private byte[] answer(String serial, byte[] challenge) {
        byte[] secret = Crypto.hmac(master, DOMAIN, Crypto.utf8(serial));
        try {
            return Arrays.copyOf(Crypto.hmac(secret, challenge), UnblockResponse.HALF_BYTES);
        } finally {
            Crypto.wipe(secret);
        }
    }

    @Override
    public String toString() {
        return "UnblockAuthority[master key hidden]";
    }
}
