package org.orgcert.token;

/**
 * How a new token guards its PIN.
 *
 * @param pinPolicy     the rules a PIN must follow
 * @param maxRetries    wrong PINs allowed before the token locks (R-CERT-2)
 * @param kdf        how a PIN becomes a wrapping key (scrypt); stored per token file, so lowering it for tests
 *                   does not weaken production tokens
 */
public record TokenSettings(PinPolicy pinPolicy, int maxRetries, PinKdf kdf) {
    /** Defaults: {@link PinPolicy#DEFAULT}, 6 retries, {@link PinKdf#DEFAULT} scrypt. */
    public static final TokenSettings DEFAULT = new TokenSettings(PinPolicy.DEFAULT, 6, PinKdf.DEFAULT);

    /** Checks the bounds. */
    public TokenSettings {
        if (pinPolicy == null || kdf == null || maxRetries < 1 || maxRetries > 99) {
            throw new IllegalArgumentException("token settings need a policy, a KDF and 1..99 retries");
        }
    }

    /** These settings with another scrypt cost (tests use a low one to stay fast). */
    public TokenSettings withKdf(PinKdf pinKdf) {
        return new TokenSettings(pinPolicy, maxRetries, pinKdf);
    }
}
