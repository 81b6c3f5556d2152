package org.orgcert.key.cli;

/** What {@code orgcert-key} exits with, so scripts can tell failures apart. */
public enum ExitCode {
    /** Done. */
    OK(0),
    /** Something unforeseen failed (message on standard error). */
    FAILED(1),
    /** The command line is wrong (unknown command or option, missing value, PIN given as an argument). */
    USAGE(2),
    /** Wrong PIN; the message says how many tries are left. */
    WRONG_PIN(3),
    /** The token is locked: request an unlock ({@code unlock}, free, R-FEE-1 d). */
    LOCKED(4),
    /** The token refused otherwise (PIN policy, no key or certificate, certificate for another key, device). */
    TOKEN(5),
    /** The service refused (its problem code and detail are printed). */
    REFUSED(6),
    /** The service cannot be reached. */
    UNREACHABLE(7),
    /** The unlock request was rejected by the bureau's customer service. */
    UNLOCK_REJECTED(8),
    /** The unlock request is still pending; run {@code unlock --request ID} again later. */
    STILL_PENDING(9);

    private final int status;

    ExitCode(int status) {
        this.status = status;
    }

    /** The process exit status. */
    public int status() {
        return status;
    }
}
