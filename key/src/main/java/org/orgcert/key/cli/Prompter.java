package org.orgcert.key.cli;

import java.io.Console;

/** Asks a person for a secret without echoing it. */
@FunctionalInterface
interface Prompter {
    /**
     * The typed secret (the caller wipes it).
     *
     * @throws UsageException when there is nobody to ask (no console)
     */
    char[] secret(String prompt);

    /** The process's console, read with echo off ({@link Console#readPassword}). */
    static Prompter console() {
        return prompt -> {
            Console console = System.console();
            if (console == null) {
                throw noConsole();
            }
            char[] typed = console.readPassword("%s", prompt);
            if (typed == null) {
                throw new UsageException("Nothing was typed (end of input).");
            }
            return typed;
        };
    }

    /** Nobody to ask: every secret must come from an environment variable. */
    static Prompter none() {
        return prompt -> {
            throw noConsole();
        };
    }

    private static UsageException noConsole() {
        return new UsageException("There is no console to type the PIN or code on; name an environment variable"
                + " instead (--pin-env NAME, --new-pin-env NAME, --code-env NAME).");
    }
}
