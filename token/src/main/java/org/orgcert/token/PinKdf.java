package org.orgcert.token;

/**
 * How a PIN becomes the key that seals the token's secret: scrypt (Bouncy Castle's {@code SCrypt}) with a
 * random 16-byte salt per token file, new with every PIN change. Stored in the token file, so each token keeps
 * the cost it was made with and lowering it for tests does not weaken production tokens.
 *
 * <p>Why scrypt: whoever copies a token file (or a PKCS#11 token's side file) can guess PINs offline, without
 * the retry counter. Memory-hard scrypt makes each guess cost {@code 128 * r * 2^log2N} bytes of memory as well
 * as time; the default (N = 2^17, r = 8, p = 1: 128 MiB, about 0.3–0.5 s) is OWASP's recommended minimum.
 * Together with the default {@link PinPolicy} (8+ characters, letters and digits) that turns "seconds" for a
 * 6-digit PIN under PBKDF2 into years for a typical 8-character PIN on one machine; it cannot save a PIN from
 * a short dictionary.
 *
 * @param log2N       scrypt cost: N = 2^log2N (10..20)
 * @param blockSize   scrypt r (1..16)
 * @param parallelism scrypt p (1..4)
 */
public record PinKdf(int log2N, int blockSize, int parallelism) {
    /** N = 2^17, r = 8, p = 1. */
    public static final PinKdf DEFAULT = new PinKdf(17, 8, 1);

    /** Checks the bounds, so a crafted token file cannot ask for unbounded memory. */
    public PinKdf {
        if (log2N < 10 || log2N > 20 || blockSize < 1 || blockSize > 16 || parallelism < 1 || parallelism > 4) {
            throw new IllegalArgumentException("scrypt needs 10 <= log2N <= 20, 1 <= r <= 16, 1 <= p <= 4");
        }
    }
}
