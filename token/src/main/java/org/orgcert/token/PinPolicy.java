package org.orgcert.token;

/**
 * What a user PIN must look like: {@code minLength} to {@code maxLength} printable ASCII characters without
 * spaces, not all the same character, and, when {@code letterAndDigit}, at least one letter and one digit.
 * ASCII only, because the PIN is typed on whatever keyboard the employer's clerk has and must mean the same
 * bytes everywhere.
 *
 * <p>The default asks for 8 to 32 characters with a letter and a digit. The retry counter stops online
 * guessing; the length and mix are for offline guessing by someone who copied the token file or a PKCS#11
 * side file (see {@link PinKdf}): a 6-digit PIN has 10^6 possibilities, which a laptop tries through any
 * affordable KDF in days at most, while 8 characters of letters and digits have about 2.8 * 10^14. A
 * deployment on hardware tokens whose device counts the tries itself may choose a shorter policy; it stays a
 * setting ({@link TokenSettings}, and {@code open(..., policy)} for PIN changes).
 *
 * @param minLength      fewest characters (at least 4)
 * @param maxLength      most characters (at most 64)
 * @param letterAndDigit whether a PIN needs at least one ASCII letter and one digit
 */
public record PinPolicy(int minLength, int maxLength, boolean letterAndDigit) {
    /** The default policy: 8 to 32 characters, at least one letter and one digit. */
    public static final PinPolicy DEFAULT = new PinPolicy(8, 32, true);

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
        boolean letter = false;
        boolean digit = false;
        for (char c : pin) {
            if (c <= ' ' || c > '~') {
                throw new TokenException(TokenException.Kind.PIN_POLICY,
                        "A PIN may contain only letters, digits and ASCII punctuation, without spaces.");
            }
            allSame &= c == pin[0];
            letter |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            digit |= c >= '0' && c <= '9';
        }
        if (allSame) {
            throw new TokenException(TokenException.Kind.PIN_POLICY,
                    "A PIN must not repeat one character only.");
        }
        if (letterAndDigit && !(letter && digit)) {
            throw new TokenException(TokenException.Kind.PIN_POLICY,
                    "A PIN must contain at least one letter and one digit.");
        }
    }
}
