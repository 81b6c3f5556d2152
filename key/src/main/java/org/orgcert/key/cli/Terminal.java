package org.orgcert.key.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.orgcert.key.RenewalWindow;

/**
 * The person at the command line: where output goes and where secrets come from (an environment variable
 * named by an option, else the console without echo). Secrets are never printed.
 */
final class Terminal {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** Tries to type a new PIN twice the same before giving up. */
    private static final int NEW_PIN_TRIES = 3;

    private final Map<String, String> env;
    private final Prompter prompter;
    private final PrintStream out;
    private final PrintStream err;

    Terminal(Map<String, String> env, Prompter prompter, PrintStream out, PrintStream err) {
        this.env = env;
        this.prompter = prompter;
        this.out = out;
        this.err = err;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    /**
     * A secret from the environment variable named by {@code envName}, else typed at {@code prompt}.
     *
     * @throws UsageException when the variable is unset or empty, or there is no console
     */
    char[] secret(Optional<String> envName, String prompt) {
        if (envName.isPresent()) {
            String value = env.get(envName.get());
            if (value == null || value.isEmpty()) {
                throw new UsageException("Environment variable " + envName.get() + " is not set or empty.");
            }
            return value.toCharArray();
        }
        return prompter.secret(prompt);
    }

    /**
     * A new PIN: from the environment variable once, or typed twice the same (three attempts).
     *
     * @throws UsageException when the two typings never match
     */
    char[] newPin(Optional<String> envName) {
        if (envName.isPresent()) {
            return secret(envName, "");
        }
        for (int attempt = 1; attempt <= NEW_PIN_TRIES; attempt++) {
            char[] first = prompter.secret("New PIN (8-32 letters and digits): ");
            char[] second = prompter.secret("New PIN again: ");
            boolean same = Arrays.equals(first, second);
            Arrays.fill(second, '\0');
            if (same) {
                return first;
            }
            Arrays.fill(first, '\0');
            err.println("The two PINs differ; type them again.");
        }
        throw new UsageException("The new PIN was not typed the same twice; nothing was changed.");
    }

    /** {@code 2026-06-15 10:00:00 (Beijing time)}: the bureau's dates are Asia/Shanghai. */
    static String time(Instant instant) {
        return TIME.format(instant.atZone(RenewalWindow.SHANGHAI)) + " (Beijing time)";
    }

    /** A mobile number as logs and pages show it (personal data): {@code 138****0000}. */
    static String masked(String mobile) {
        String number = mobile.strip();
        return number.length() < 8 ? "***" : number.substring(0, 3) + "****" + number.substring(number.length() - 4);
    }
}
