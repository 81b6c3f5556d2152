package org.orgcert.server.account;

import org.orgcert.server.domain.RefusalCode;
import org.orgcert.server.domain.RefusalKind;

/**
 * What a change of an employer's sign-in numbers ({@link SignInNumberChanges}, issue 11 item 5) refuses, by
 * stable type. Missing or malformed fields are {@code invalid-input} with a message per field, the scan's
 * problems those of every scan ({@code application.Scans}), the role {@code role-not-allowed}.
 */
public enum SignInNumberRefusal implements RefusalCode {
    /** No employer has that id (or USCC, on the page). */
    EMPLOYER_NOT_FOUND("sign-in-employer-not-found", RefusalKind.NOT_FOUND),
    /** The old number is not one this employer's agents sign in with. */
    OLD_NUMBER_NOT_REGISTERED("old-number-not-registered", RefusalKind.CONFLICT),
    /** The new number already signs in for this employer. */
    NEW_NUMBER_ALREADY_REGISTERED("new-number-already-registered", RefusalKind.CONFLICT),
    /** Old and new number are the same. */
    SAME_NUMBER("sign-in-number-unchanged", RefusalKind.INVALID),
    /** No such change record. */
    CHANGE_NOT_FOUND("sign-in-number-change-not-found", RefusalKind.NOT_FOUND);

    private final String type;
    private final RefusalKind kind;

    SignInNumberRefusal(String type, RefusalKind kind) {
        this.type = type;
        this.kind = kind;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public RefusalKind kind() {
        return kind;
    }
}
