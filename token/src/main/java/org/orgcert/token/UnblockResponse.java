package org.orgcert.token;

import java.util.Arrays;

/**
 * The bureau's answer to an {@link UnblockChallenge}: HMAC(S, c) and HMAC(S, c_next), each cut to 128 bits,
 * where S is the token's unblock secret. The first half opens the token's secret, the second half re-wraps
 * it for the next unblock. It is a one-time code: {@link #toString()} does not show it.
 *
 * @param forCurrent 16 bytes answering c
 * @param forNext    16 bytes answering c_next
 */
public record UnblockResponse(byte[] forCurrent, byte[] forNext) {
    /** Bytes per half: 128 bits, because the token file lets an attacker test guesses offline. */
    public static final int HALF_BYTES = 16;
    private static final String KIND = "unblock response";

    /** Checks sizes and copies. */
    public UnblockResponse {
        if (forCurrent == null || forNext == null || forCurrent.length != HALF_BYTES
                || forNext.length != HALF_BYTES) {
            throw new TokenException(TokenException.Kind.MALFORMED, "An unblock response has two halves of "
                    + HALF_BYTES + " bytes.");
        }
        forCurrent = forCurrent.clone();
        forNext = forNext.clone();
    }

    @Override
    public byte[] forCurrent() {
        return forCurrent.clone();
    }

    @Override
    public byte[] forNext() {
        return forNext.clone();
    }

    /** The response as hyphenated groups of letters and digits (55 characters), to read out. */
    public String text() {
        byte[] both = Arrays.copyOf(forCurrent, 2 * HALF_BYTES);
        System.arraycopy(forNext, 0, both, HALF_BYTES, HALF_BYTES);
        return Base32Code.encode(KIND, both);
    }

    /**
     * Reads a response as a person typed it.
     *
     * @throws TokenException MALFORMED when it is not a response or has a typo
     */
    public static UnblockResponse parse(String text) {
        byte[] both = Base32Code.decode(KIND, text, 2 * HALF_BYTES);
        return new UnblockResponse(Arrays.copyOf(both, HALF_BYTES),
                Arrays.copyOfRange(both, HALF_BYTES, 2 * HALF_BYTES));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UnblockResponse that && Arrays.equals(forCurrent, that.forCurrent)
                && Arrays.equals(forNext, that.forNext);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(forCurrent) + Arrays.hashCode(forNext);
    }

    @Override
    public String toString() {
        return "UnblockResponse[hidden]";
    }
}
