package org.orgcert.server.issuance;

import java.security.SecureRandom;
import java.util.Arrays;
import org.orgcert.pki.Pki;

/**
 * The first PIN of a newly personalised USB key: printed once on the delivery slip and handed to the
 * employer, never stored in clear, logged or audited. {@link #toString()} hides it; {@link #reveal()} gives
 * a copy for the slip printer.
 *
 * <p>Ten characters from an alphabet without look-alikes (no 0/O, 1/I/L), with at least one letter and
 * one digit as the token's PIN policy requires: easy to read off a slip, and with six tries before the
 * key locks a guess succeeds with probability below 10^-13.
 */
public final class InitialPin {
    static final int LENGTH = 10;
    private static final String LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final String DIGITS = "23456789";
    private static final String ALPHABET = LETTERS + DIGITS;
    private final char[] digits;

    private InitialPin(char[] digits) {
        this.digits = digits;
    }

    /** A fresh random PIN with at least one letter and one digit. */
    static InitialPin random() {
        SecureRandom random = Pki.random();
        char[] pin = new char[LENGTH];
        do {
            for (int i = 0; i < LENGTH; i++) {
                pin[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            }
        } while (!hasBoth(pin));
        return new InitialPin(pin);
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

    private static boolean hasBoth(char[] pin) {
        boolean letter = false;
        boolean digit = false;
        for (char c : pin) {
            letter |= LETTERS.indexOf(c) >= 0;
            digit |= DIGITS.indexOf(c) >= 0;
        }
        return letter && digit;
    }
}
