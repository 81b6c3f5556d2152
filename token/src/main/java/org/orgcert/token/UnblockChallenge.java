package org.orgcert.token;

import java.util.Arrays;

/**
 * What a token shows its user to read to the bureau when the PIN is locked or forgotten: the challenge c_i of
 * its current unblock code. The bureau's {@link UnblockAuthority} answers it for this token's serial only.
 * Not secret: it is one of the challenges the bureau handed the token at personalisation
 * ({@link UnblockSeeds}).
 *
 * @param value the challenge c_i ({@value #BYTES} bytes)
 */
public record UnblockChallenge(byte[] value) {
    /** Bytes per challenge: 80 bits, only needs to be unique per token, not secret. */
    public static final int BYTES = 10;
    private static final String KIND = "unblock challenge";

    /** Checks the size and copies. */
    public UnblockChallenge {
        if (value == null || value.length != BYTES) {
            throw new TokenException(TokenException.Kind.MALFORMED, "An unblock challenge has " + BYTES
                    + " bytes.");
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** The challenge as hyphenated groups of letters and digits (20 characters, 24 with hyphens), to read out. */
    public String text() {
        return Base32Code.encode(KIND, value);
    }

    /**
     * Reads a challenge as a person typed it.
     *
     * @throws TokenException MALFORMED when it is not a challenge or has a typo
     */
    public static UnblockChallenge parse(String text) {
        return new UnblockChallenge(Base32Code.decode(KIND, text, BYTES));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UnblockChallenge that && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "UnblockChallenge[" + text() + "]";
    }
}
