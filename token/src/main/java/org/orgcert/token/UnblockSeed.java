package org.orgcert.token;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * One unblock code as the bureau hands it to a token (see {@link UnblockSeeds}): a challenge c_i and
 * HMAC(S, c_i) cut to 128 bits. The token seals its secret under a key derived from the answer and then
 * forgets the answer.
 *
 * @param challenge the challenge c_i ({@value UnblockChallenge#BYTES} bytes)
 * @param answer    HMAC(S, c_i) cut to {@value UnblockResponse#BYTES} bytes (secret; not in toString)
 */
public record UnblockSeed(byte[] challenge, byte[] answer) {
    /** Checks sizes and copies. */
    public UnblockSeed {
        if (challenge == null || answer == null || challenge.length != UnblockChallenge.BYTES
                || answer.length != UnblockResponse.BYTES) {
            throw new TokenException(TokenException.Kind.MALFORMED,
                    "An unblock seed has a " + UnblockChallenge.BYTES + "-byte challenge and a "
                            + UnblockResponse.BYTES + "-byte answer.");
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
                && MessageDigest.isEqual(answer, that.answer);
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
