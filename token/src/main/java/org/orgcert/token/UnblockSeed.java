package org.orgcert.token;

import java.util.Arrays;

/**
 * What a new token needs from the bureau to be unblockable later: a first challenge c and HMAC(S, c) cut to
 * 128 bits. The token wraps its secret under a key derived from the answer and then forgets the answer.
 *
 * @param challenge the first challenge c ({@value UnblockChallenge#HALF_BYTES} bytes)
 * @param answer    HMAC(S, c) cut to {@value UnblockResponse#HALF_BYTES} bytes (secret; not in toString)
 */
public record UnblockSeed(byte[] challenge, byte[] answer) {
    /** Checks sizes and copies. */
    public UnblockSeed {
        if (challenge == null || answer == null || challenge.length != UnblockChallenge.HALF_BYTES
                || answer.length != UnblockResponse.HALF_BYTES) {
            throw new IllegalArgumentException("an unblock seed has a 10-byte challenge and a 16-byte answer");
        }
        challenge = challenge.clone();
        answer = answer.clone();
    }

    @Override
    public byte[] challenge() {
        return challenge.clone();
    }

    @Override
    public byte[] answer() {
        return answer.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UnblockSeed that && Arrays.equals(challenge, that.challenge)
                && Arrays.equals(answer, that.answer);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(challenge);
    }

    @Override
    public String toString() {
        return "UnblockSeed[hidden]";
    }
}
