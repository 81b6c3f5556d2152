package org.orgcert.token;

/**
 * How a new token guards its PIN.
 *
 * @param pinPolicy     the rules a PIN must follow
 * @param maxRetries    wrong PINs allowed before the token locks (R-CERT-2)
 * @param kdfIterations PBKDF2-HMAC-SHA256 iterations that turn a PIN into a wrapping key; stored per token
 *                      file, so lowering it for tests does not weaken production tokens
 */
public record TokenSettings(PinPolicy pinPolicy, int maxRetries, int kdfIterations) {
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about 0.3 s per PIN check on a laptop, once per operation. */
    public static final int DEFAULT_KDF_ITERATIONS = 600_000;
    /** The most iterations a token file may ask for, so a crafted file cannot hang the reader. */
    public static final int MAX_KDF_ITERATIONS = 10_000_000;

    /** Defaults: 6–16 character PIN, 6 retries, {@value #DEFAULT_KDF_ITERATIONS} iterations. */
    public static final TokenSettings DEFAULT = new TokenSettings(PinPolicy.DEFAULT, 6, DEFAULT_KDF_ITERATIONS);

    /** Checks the bounds. */
    public TokenSettings {
        if (pinPolicy == null || maxRetries < 1 || maxRetries > 99
                || kdfIterations < 1 || kdfIterations > MAX_KDF_ITERATIONS) {
            throw new IllegalArgumentException("token settings need a policy, 1..99 retries and 1.."
                    + MAX_KDF_ITERATIONS + " KDF iterations");
        }
    }

    /** These settings with another iteration count (tests use a low one to stay fast). */
    public TokenSettings withKdfIterations(int iterations) {
        return new TokenSettings(pinPolicy, maxRetries, iterations);
    }
}
