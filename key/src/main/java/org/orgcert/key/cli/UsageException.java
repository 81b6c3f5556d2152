package org.orgcert.key.cli;

/** The command line cannot be used as given; the message says what to change. Exit code {@link ExitCode#USAGE}. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
