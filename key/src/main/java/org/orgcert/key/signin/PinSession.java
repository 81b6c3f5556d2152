package org.orgcert.key.signin;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * A PIN the employer chose to keep in the assistant for a while, so sign-ins are confirmed with one click instead
 * of typing the PIN each time. Opened only with a PIN the token accepted; held as a {@code char[]} in memory (never
 * a {@code String}, never on disk) for at most {@link #MAX_LENGTH}; wiped when it ends, when the employer closes it,
 * when the key is removed, and when the token refuses it.
 */
public final class PinSession {
    /** The longest a PIN session stays open. */
    public static final Duration MAX_LENGTH = Duration.ofMinutes(30);

    private char[] pin;
    private Instant until;

    /** Keeps a copy of {@code verifiedPin} until {@code now + MAX_LENGTH}; the caller still wipes its array. */
    synchronized void open(char[] verifiedPin, Instant now) {
        close();
        pin = verifiedPin.clone();
        until = now.plus(MAX_LENGTH);
    }

    /** When the session ends, if it is open at {@code now}. */
    public synchronized Optional<Instant> openUntil(Instant now) {
        if (pin != null && !now.isBefore(until)) {
            close();
        }
        return pin == null ? Optional.empty() : Optional.of(until);
    }

    /**
     * Runs {@code action} with a copy of the kept PIN, wiped afterwards.
     *
     * @throws SignInException NO_PIN_SESSION when none is open
     */
    synchronized <T> T use(Instant now, Function<char[], T> action) {
        if (openUntil(now).isEmpty()) {
            throw new SignInException(SignInException.Reason.NO_PIN_SESSION, "No PIN session is open; type the PIN.");
        }
        char[] copy = pin.clone();
        try {
            return action.apply(copy);
        } finally {
            Arrays.fill(copy, '\0');
        }
    }

    /** Ends the session and wipes the PIN; harmless when none is open. */
    public synchronized void close() {
        if (pin != null) {
            Arrays.fill(pin, '\0');
        }
        pin = null;
        until = null;
    }

    @Override
    public String toString() {
        return "PinSession[hidden]";
    }
}
