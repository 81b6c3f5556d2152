package org.orgcert.pki.name;

import org.orgcert.pki.PkiException;

/**
 * A unified social credit code (统一社会信用代码, GB 32100-2015): the 18-character identity of an
 * employer that goes into every certificate and never changes (R-CERT-5).
 *
 * <p>Layout: 1 registration department, 2 organisation category, 3-8 administrative division,
 * 9-17 organisation code (GB 11714, its 9th character a check of the first 8), 18 check character.
 *
 * @param value the 18 upper-case characters, both check characters verified
 */
public record Uscc(String value) {
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ORG_CODE_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    /** Validates both check characters; see {@link #parse(String)} for lenient input. */
    public Uscc {
        String problem = problem(value);
        if (problem != null) {
            throw new PkiException(PkiException.Kind.INVALID_IDENTIFIER, problem);
        }
    }

    /** Parses user input: surrounding spaces removed, lower case accepted. */
    public static Uscc parse(String input) {
        if (input == null) {
            throw new PkiException(PkiException.Kind.INVALID_IDENTIFIER, "the USCC is missing");
        }
        return new Uscc(input.strip().toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * The valid USCC with these parts, both check characters computed: for demo data, tests and benchmarks.
     *
     * @param category the registration department and category, e.g. {@code 91}
     * @param division the six-digit division code, e.g. {@code 530102}
     * @param org8     the first eight characters of the organisation code (digits or capital letters)
     */
    public static Uscc complete(String category, String division, String org8) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += Character.digit(org8.charAt(i), 36) * ORG_CODE_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        String first17 = category + division + org8 + (check == 10 ? "X" : check == 11 ? "0" : String.valueOf(check));
        int total = 0;
        for (int i = 0; i < 17; i++) {
            total += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        return new Uscc(first17 + ALPHABET.charAt((31 - total % 31) % 31));
    }

    /** True when {@code input} is a valid USCC as typed (after trimming and upper-casing). */
    public static boolean isValid(String input) {
        return input != null && problem(input.strip().toUpperCase(java.util.Locale.ROOT)) == null;
    }

    /** The six-digit administrative division code (characters 3-8), e.g. {@code 530102}. */
    public String divisionCode() {
        return value.substring(2, 8);
    }

    /** The two-character registration department and organisation category, e.g. {@code 91}. */
    public String categoryCode() {
        return value.substring(0, 2);
    }

    /** The nine-character organisation code (GB 11714) embedded at characters 9-17. */
    public String organisationCode() {
        return value.substring(8, 17);
    }

    @Override
    public String toString() {
        return value;
    }

    /** Why {@code value} is not a valid USCC, or {@code null} when it is. */
    private static String problem(String value) {
        if (value == null || value.length() != 18) {
            return "a USCC has 18 characters" + (value == null ? "" : "; this one has " + value.length());
        }
        int sum = 0;
        for (int i = 0; i < 18; i++) {
            int code = ALPHABET.indexOf(value.charAt(i));
            if (code < 0) {
                return "character " + (i + 1) + " of the USCC ('" + value.charAt(i)
                        + "') is not allowed; USCCs use digits and letters except I, O, S, V and Z";
            }
            if (i < 17) {
                sum += code * WEIGHTS[i];
            }
        }
        char expected = ALPHABET.charAt((31 - sum % 31) % 31);
        if (value.charAt(17) != expected) {
            return "the USCC's check character (18th) is wrong: please check the code for a typing error";
        }
        String orgCode = value.substring(8, 17);
        if (!organisationCodeValid(orgCode)) {
            return "the organisation code inside the USCC (characters 9-17, " + orgCode
                    + ") has a wrong check digit: please check the code for a typing error";
        }
        return null;
    }

    /** GB 11714: weights 3,7,9,10,5,8,4,2; check 11 - (sum mod 11), 10 written X and 11 written 0. */
    private static boolean organisationCodeValid(String code) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = code.charAt(i);
            int v;
            if (c >= '0' && c <= '9') {
                v = c - '0';
            } else if (c >= 'A' && c <= 'Z') {
                v = c - 'A' + 10;
            } else {
                return false;
            }
            sum += v * ORG_CODE_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        char expected = check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
        return code.charAt(8) == expected;
    }
}
