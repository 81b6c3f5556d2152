package org.orgcert.server.portal;

import java.util.Locale;
import java.util.Optional;
import org.orgcert.pki.name.Uscc;

/**
 * A USCC as someone typed it, with what is wrong in terms a page can translate: {@link Uscc} itself
 * answers in English sentences, a form field needs a message key and its arguments.
 *
 * @param typed   the text as entered
 * @param uscc    the valid code, when it is one
 * @param problem what is wrong, when it is not
 */
public record UsccInput(String typed, Optional<Uscc> uscc, Optional<Problem> problem) {
    /** GB 32100's 31 characters (as in {@link Uscc}): digits and capitals without I, O, S, V, Z. */
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /** Why a typed code is not a USCC, most basic reason first. */
    public enum Kind {
        MISSING, LENGTH, CHARACTER, ORGANISATION_CHECK, CHECK_CHARACTER
    }

    /**
     * A problem with the typed code.
     *
     * @param kind      what is wrong
     * @param arguments for the message: the length typed (LENGTH), or the 1-based position and the character
     *                  (CHARACTER); none otherwise
     */
    public record Problem(Kind kind, Object... arguments) {
        /** The message key, e.g. {@code fees.uscc.error.CHECK_CHARACTER}. */
        public String messageKey() {
            return "fees.uscc.error." + kind.name();
        }
    }

    /** Checks {@code typed}: surrounding spaces ignored, lower case accepted (as {@link Uscc#parse}). */
    public static UsccInput of(String typed) {
        String code = typed == null ? "" : typed.strip().toUpperCase(Locale.ROOT);
        Problem problem = problem(code);
        return problem == null ? new UsccInput(typed, Optional.of(new Uscc(code)), Optional.empty())
                : new UsccInput(typed, Optional.empty(), Optional.of(problem));
    }

    private static Problem problem(String code) {
        if (code.isEmpty()) {
            return new Problem(Kind.MISSING);
        }
        if (code.length() != 18) {
            return new Problem(Kind.LENGTH, code.length());
        }
        for (int i = 0; i < code.length(); i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return new Problem(Kind.CHARACTER, i + 1, String.valueOf(code.charAt(i)));
            }
        }
        // Uscc.complete recomputes both check characters from the first 16 as typed: whichever differs
        // from what was typed is the one to point at (the organisation code's first, as it feeds the last).
        Uscc expected = Uscc.complete(code.substring(0, 2), code.substring(2, 8), code.substring(8, 16));
        if (expected.value().charAt(16) != code.charAt(16)) {
            return new Problem(Kind.ORGANISATION_CHECK);
        }
        if (expected.value().charAt(17) != code.charAt(17)) {
            return new Problem(Kind.CHECK_CHARACTER);
        }
        return null;
    }
}
