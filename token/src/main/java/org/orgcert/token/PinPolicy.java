package org.orgcert.token;

/**
 * What a user PIN must look like: {@code minLength} to {@code maxLength} printable ASCII characters without
 * spaces, not all the same character. ASCII only, because the PIN is typed on whatever keyboard the
 * employer's clerk has and must mean the same bytes everywhere.
 *
 * @param minLength fewest characters (at least 4)
 * @param maxLength most characters
 */
public record PinPolicy(int minLength, int maxLength) {
    /** The default policy: 6 to 16 characters. */
    public static final PinPolicy DEFAULT = new PinPolicy(6, 16);

    /** Checks the bounds. */
    public PinPolicy {
        if (minLength < 4 || maxLength < minLength || maxLength > 64) {
            throw new IllegalArgumentException("a PIN policy needs 4 <= minLength <= maxLength <= 64");
        }
    }

    /**
     * Refuses a PIN that breaks the policy; the message says which rule, never the PIN.
     *
     * @throws TokenException of kind PIN_POLICY
     */
    public void check(char[] pin) {
        if (pin == null || pin.length < minLength || pin.length > maxLength) {
            throw new TokenException(TokenException.Kind.PIN_POLICY,
                    "A PIN must have " + minLength + " to " + maxLength + " characters.");
        }
        boolean allSame = true;
        for (char c : pin) {
            if (c <= ' ' || c > '~') {
                throw new TokenException(TokenException.Kind.PIN_POLICY,
                        "A PIN may contain only letters, digits and ASCII punctuation, without spaces.");
            }
            allSame &= c == pin[0];
        }
        if (allSame) {
            throw new TokenException(TokenException.Kind.PIN_POLICY,
                    "A PIN must not repeat one character only.");
        }
    }
}
