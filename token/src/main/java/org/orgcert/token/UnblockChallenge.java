package org.orgcert.token;

import java.util.Arrays;

/**
 * What a locked token shows its user to read to the bureau: the current challenge c and the next one
 * c_next. The bureau's {@link UnblockAuthority} answers it for this token's serial only.
 *
 * @param current the challenge c the token's secret is wrapped under now (10 bytes)
 * @param next    the challenge c_next the secret will be wrapped under after the unblock (10 bytes)
 */
public record UnblockChallenge(byte[] current, byte[] next) {
    /** Bytes per challenge half: 80 bits, only needs to be unique, not secret. */
    public static final int HALF_BYTES = 10;
    private static final String KIND = "unblock challenge";

    /** Checks sizes and copies. */
    public UnblockChallenge {
        if (current == null || next == null || current.length != HALF_BYTES || next.length != HALF_BYTES) {
            throw new TokenException(TokenException.Kind.MALFORMED, "An unblock challenge has two halves of "
                    + HALF_BYTES + " bytes.");
        }
        current = current.clone();
        next = next.clone();
    }

    @Override
    public byte[] current() {
        return current.clone();
    }

    @Override
    public byte[] next() {
        return next.clone();
    }

    /** The challenge as hyphenated groups of letters and digits (36 characters), to read out. */
    public String text() {
        byte[] both = Arrays.copyOf(current, 2 * HALF_BYTES);
        System.arraycopy(next, 0, both, HALF_BYTES, HALF_BYTES);
        return Base32Code.encode(KIND, both);
    }

    /**
     * Reads a challenge as a person typed it.
     *
     * @throws TokenException MALFORMED when it is not a challenge or has a typo
     */
    public static UnblockChallenge parse(String text) {
        byte[] both = Base32Code.decode(KIND, text, 2 * HALF_BYTES);
        return new UnblockChallenge(Arrays.copyOf(both, HALF_BYTES),
                Arrays.copyOfRange(both, HALF_BYTES, 2 * HALF_BYTES));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UnblockChallenge that && Arrays.equals(current, that.current)
                && Arrays.equals(next, that.next);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(current) + Arrays.hashCode(next);
    }

    @Override
    public String toString() {
        return "UnblockChallenge[" + text() + "]";
    }
}
