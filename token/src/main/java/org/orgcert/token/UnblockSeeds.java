package org.orgcert.token;

import java.util.Arrays;
import java.util.List;

/**
 * The unblock codes the bureau gives one token (R-FEE-1 d), from {@link UnblockAuthority#provision}: at
 * personalisation ({@code SoftwareToken.create}, {@code Pkcs11Token.create}) and later to refill a token
 * whose codes run low ({@link Token#replenishUnblockCodes}). Each seed is one future unblock; the token uses
 * them in order and deletes each after use.
 *
 * <p>The answers are secret until used: anyone who reads them can unblock the token and set a PIN of their
 * choice, once per seed. Hand them only from the bureau to the token over an authenticated path (the
 * personalisation station; a replenishment needs the current user PIN) and never show or log them;
 * {@link #toString()} does not.
 *
 * @param serial the token serial the answers were computed for
 * @param seeds  1 to {@value #MAX} seeds with distinct challenges, in the order the token will use them
 */
public record UnblockSeeds(String serial, List<UnblockSeed> seeds) {
    /** Codes per batch unless the bureau chooses otherwise. */
    public static final int DEFAULT_COUNT = 8;
    /** The most codes a token holds, which bounds the token file. */
    public static final int MAX = 32;

    /** Checks the serial, the count and that no challenge repeats. */
    public UnblockSeeds {
        Serials.check(serial);
        if (seeds == null || seeds.isEmpty() || seeds.size() > MAX || seeds.stream().anyMatch(s -> s == null)) {
            throw new TokenException(TokenException.Kind.MALFORMED, "A batch of unblock codes holds 1 to " + MAX
                    + " codes.");
        }
        seeds = List.copyOf(seeds);
        for (int i = 0; i < seeds.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (Arrays.equals(seeds.get(i).challenge(), seeds.get(j).challenge())) {
                    throw new TokenException(TokenException.Kind.MALFORMED,
                            "A batch of unblock codes repeats a challenge.");
                }
            }
        }
    }

    @Override
    public String toString() {
        return "UnblockSeeds[serial=" + serial + ", " + seeds.size() + " codes, answers hidden]";
    }
}
