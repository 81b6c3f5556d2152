package org.orgcert.kit;

/**
 * The check characters of a unified social credit code (统一社会信用代码, GB 32100-2015), 18 characters:
 * registration department, category, 6-digit division, 9-character organisation code (GB 11714, its last
 * character a check of the first 8), and a check character over the first 17.
 */
public final class UsccCheck {
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ORGANISATION_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private UsccCheck() {
    }

    /** True when {@code value} is a USCC exactly as given: 18 upper-case characters, both checks right. */
    public static boolean isValid(String value) {
        if (value == null || value.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int code = ALPHABET.indexOf(value.charAt(i));
            if (code < 0) {
                return false;
            }
            sum += code * WEIGHTS[i];
        }
        return value.charAt(17) == ALPHABET.charAt((31 - sum % 31) % 31) && organisationCodeValid(value.substring(8, 17));
    }

    /** GB 11714: weights 3,7,9,10,5,8,4,2 over 0-9 and A=10..Z=35; check 11 - sum mod 11, 10 is X, 11 is 0. */
    private static boolean organisationCodeValid(String code) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            int v = Character.digit(code.charAt(i), 36);
            if (v < 0 || Character.isLowerCase(code.charAt(i))) {
                return false;
            }
            sum += v * ORGANISATION_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        char expected = check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
        return code.charAt(8) == expected;
    }
}
