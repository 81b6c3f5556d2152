package org.orgcert.key.cli;

import java.time.Clock;

/** The entry point of the {@code orgcert-key} jar: see {@link Cli}. */
public final class Main {
    private Main() {
    }

    /** Runs the command and exits with its {@link ExitCode}. */
    public static void main(String[] args) {
        System.exit(new Cli(System.getenv(), System.out, System.err, Clock.systemUTC()).run(args).status());
    }
}
