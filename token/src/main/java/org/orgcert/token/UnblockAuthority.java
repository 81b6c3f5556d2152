package org.orgcert.token;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bureau's side of unblocking (free, R-FEE-1 d): hands tokens their unblock codes and answers their
 * challenges, from one master key.
 *
 * <p>Per token, S = HMAC-SHA256(master, "orgcert-unblock" || serial); the answer to challenge c is
 * HMAC-SHA256(S, c) cut to 128 bits. At personalisation (and again to refill) the bureau calls
 * {@link #provision} and hands the token N random challenges c_1..c_N with their answers; the token seals its
 * secret K under each answer, forgets the answers and shows c_1. When the user is locked out, the bureau
 * checks who is calling and {@link #respond answers} the challenge the token shows; the token opens K with
 * that answer, deletes that code and shows c_2 next time.
 *
 * <p>Why this shape: the token never takes a key for the future from the user. A used code opens nothing (its
 * sealed copy is gone), and what a user sees (challenges and used answers) does not help to compute any other
 * answer without S. Tokens never hold S, so reading a token file reveals neither S nor the master key, and an
 * answer for one token or one challenge is useless for any other. The master key belongs in the bureau's HSM
 * or key store, never in a token.
 *
 * <p>Server use: {@code provision(serial)} at personalisation and when {@link TokenInfo#unblockCodesLeft()}
 * runs low (deliver through the authenticated client, which calls {@link Token#replenishUnblockCodes});
 * {@code respond(serial, UnblockChallenge.parse(text))} when a verified user reads a challenge. Record which
 * challenges were answered per serial in the audit log.
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

    /** {@value UnblockSeeds#DEFAULT_COUNT} fresh unblock codes for the token with {@code serial}. */
    public UnblockSeeds provision(String serial) {
        return provision(serial, UnblockSeeds.DEFAULT_COUNT);
    }

    /**
     * {@code count} fresh unblock codes (random challenges with their answers) for the token with
     * {@code serial}.
     *
     * @throws TokenException MALFORMED for a bad serial or a count outside 1..{@value UnblockSeeds#MAX}
     */
    public UnblockSeeds provision(String serial, int count) {
        Serials.check(serial);
        if (count < 1 || count > UnblockSeeds.MAX) {
            throw new TokenException(TokenException.Kind.MALFORMED, "A batch of unblock codes holds 1 to "
                    + UnblockSeeds.MAX + " codes.");
        }
        List<UnblockSeed> seeds = new ArrayList<>(count);
        while (seeds.size() < count) {
            byte[] challenge = Crypto.random(UnblockChallenge.BYTES);
            if (seeds.stream().noneMatch(s -> Arrays.equals(s.challenge(), challenge))) {
                seeds.add(new UnblockSeed(challenge, answer(serial, challenge)));
            }
        }
        return new UnblockSeeds(serial, seeds);
    }

    /** The response that unblocks the token with {@code serial} that showed {@code challenge}. */
    public UnblockResponse respond(String serial, UnblockChallenge challenge) {
        Serials.check(serial);
        if (challenge == null) {
            throw new TokenException(TokenException.Kind.MALFORMED, "There is no challenge to answer.");
        }
        return new UnblockResponse(answer(serial, challenge.value()));
    }

    private byte[] answer(String serial, byte[] challenge) {
        byte[] secret = Crypto.hmac(master, DOMAIN, Crypto.utf8(serial));
        byte[] full = Crypto.hmac(secret, challenge);
        try {
            return Arrays.copyOf(full, UnblockResponse.BYTES);
        } finally {
            Crypto.wipe(secret);
            Crypto.wipe(full);
        }
    }

    @Override
    public String toString() {
        return "UnblockAuthority[master key hidden]";
    }
}
