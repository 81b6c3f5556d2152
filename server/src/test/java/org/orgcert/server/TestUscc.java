package org.orgcert.server;

import java.util.concurrent.atomic.AtomicInteger;
import org.orgcert.pki.name.Uscc;

/**
 * Fresh valid USCCs for tests, so tests sharing one database never meet each other's employers: category
 * 91 (enterprise), division 530102 (五华区, inside Kunming), a numbered organisation code with its GB 11714
 * check digit, and the GB 32100 check character.
 */
public final class TestUscc {
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};
    private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 50_000_000));

    private TestUscc() {
    }

    /** A valid USCC of a Kunming enterprise not used before in this JVM. */
    public static Uscc next() {
        return of("91", "530102", String.format("%08d", NEXT.incrementAndGet() % 100_000_000));
    }

    /** A valid USCC with these parts; {@code org8} is the organisation code without its check digit. */
    public static Uscc of(String category, String division, String org8) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += Character.digit(org8.charAt(i), 36) * ORG_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        String org9 = org8 + (check == 10 ? "X" : check == 11 ? "0" : String.valueOf(check));
        String first17 = category + division + org9;
        int total = 0;
        for (int i = 0; i < 17; i++) {
            total += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        return new Uscc(first17 + ALPHABET.charAt((31 - total % 31) % 31));
    }
}
