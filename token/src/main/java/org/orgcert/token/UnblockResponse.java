package org.orgcert.token;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The bureau's answer to an {@link UnblockChallenge} c_i: HMAC(S, c_i) cut to 128 bits, where S is the token's
 * unblock secret. It opens the token's secret K once: the token then deletes the copy of K sealed under it, so
 * the same code never works again, and nothing in it helps to compute the answer to any other challenge. It
 * is a one-time code: {@link #toString()} does not show it.
 *
 * @param answer {@value #BYTES} bytes answering c_i
 */
public record UnblockResponse(byte[] answer) {
    /** 128 bits, because the token file lets an attacker test guesses offline. */
    public static final int BYTES = 16;
    private static final String KIND = "unblock response";

    /** Checks the size and copies. */
    public UnblockResponse {
        if (answer == null || answer.length != BYTES) {
            throw new TokenException(TokenException.Kind.MALFORMED, "An unblock response has " + BYTES + " bytes.");
        }
        answer = answer.clone();
    }

    @Override
    public byte[] answer() {
        return answer.clone();
    }

    /** The response as hyphenated groups of letters and digits (29 characters, 36 with hyphens), to read out. */
    public String text() {
        return Base32Code.encode(KIND, answer);
    }

    /**
     * Reads a response as a person typed it.
     *
     * @throws TokenException MALFORMED when it is not a response or has a typo
     */
    public static UnblockResponse parse(String text) {
        return new UnblockResponse(Base32Code.decode(KIND, text, BYTES));
    }

    /** Constant-time comparison: a response is a secret. */
    @Override
    public boolean equals(Object other) {
        return other instanceof UnblockResponse that && MessageDigest.isEqual(answer, that.answer);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(answer);
    }

    @Override
    public String toString() {
        return "UnblockResponse[hidden]";
    }
}
