package org.orgcert.server.employer;

import org.orgcert.pki.name.Uscc;

/**
 * Builds valid USCCs for tests: both the GB 11714 organisation-code check digit (character 17) and the
 * GB 32100 check character (18) are computed, so {@link Uscc} accepts them.
 */
final class TestUscc {
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private TestUscc() {
    }

    /**
     * @param category  characters 1-2, e.g. {@code 91}
     * @param division  characters 3-8, e.g. {@code 530102}
     * @param orgCode8  the first 8 characters of the organisation code (digits or upper-case letters)
     */
    static Uscc of(String category, String division, String orgCode8) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = orgCode8.charAt(i);
            sum += (Character.isDigit(c) ? c - '0' : c - 'A' + 10) * ORG_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        String orgCode = orgCode8 + (check == 10 ? "X" : check == 11 ? "0" : String.valueOf(check));
        String first17 = category + division + orgCode;
        int total = 0;
        for (int i = 0; i < 17; i++) {
            total += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        return new Uscc(first17 + ALPHABET.charAt((31 - total % 31) % 31));
    }

    private static final java.util.concurrent.atomic.AtomicInteger NEXT = new java.util.concurrent.atomic.AtomicInteger(1);

    /** A Kunming (Wuhua district) enterprise not used before in this JVM. */
    static Uscc next() {
        return kunmingEnterprise(NEXT.getAndIncrement());
    }

    /** A Kunming (Wuhua district) enterprise whose organisation code is derived from {@code n}. */
    static Uscc kunmingEnterprise(int n) {
        return of("91", "530102", String.format("%08d", n));
    }
}
