package org.orgcert.server.issuance;

import java.security.SecureRandom;
import java.util.Arrays;
import org.orgcert.pki.Pki;

/**
 * The first PIN of a newly personalised USB key: printed once on the delivery slip and handed to the
 * employer, never stored in clear, logged or audited. {@link #toString()} hides it; {@link #reveal()} gives
 * a copy for the slip printer.
 *
 * <p>Eight random digits: within the 6–16 character PIN policy, easy to type on any keypad, and with six
 * tries before the key locks a guess succeeds with probability 6 in 10^8.
 */
public final class InitialPin {
    static final int LENGTH = 8;
    private final char[] digits;

    private InitialPin(char[] digits) {
        this.digits = digits;
    }

    /** A fresh random PIN (never one digit repeated, which the PIN policy refuses). */
    static InitialPin random() {
        SecureRandom random = Pki.random();
        char[] digits = new char[LENGTH];
        do {
            for (int i = 0; i < LENGTH; i++) {
                digits[i] = (char) ('0' + random.nextInt(10));
            }
        } while (allSame(digits));
        return new InitialPin(digits);
    }

    /** A copy of the PIN's characters; the caller wipes it after printing. */
    public char[] reveal() {
        return digits.clone();
    }

    /** Wipes the PIN from memory once it has been printed. */
    public void wipe() {
        Arrays.fill(digits, '\0');
    }

    @Override
    public String toString() {
        return "InitialPin[hidden]";
    }

    private static boolean allSame(char[] digits) {
        for (char c : digits) {
            if (c != digits[0]) {
                return false;
            }
        }
        return true;
    }
}
