package org.orgcert.server.employer;

import org.orgcert.server.domain.RefusalCode;
import org.orgcert.server.domain.RefusalKind;

/** What the employer capability refuses, by stable type (the problem type an API caller sees). */
public enum EmployerRefusal implements RefusalCode {
    EMPLOYER_EXISTS("employer-exists", RefusalKind.CONFLICT),
    USCC_IMMUTABLE("uscc-immutable", RefusalKind.INVALID),
    EMPLOYER_NOT_FOUND("employer-not-found", RefusalKind.NOT_FOUND),
    STALE_VERSION("stale-version", RefusalKind.CONFLICT),
    INVALID_USCC("invalid-uscc", RefusalKind.INVALID),
    /** A mobile number in a change: they are sign-in identities, changed only by customer service. */
    SIGN_IN_NUMBER_NOT_HERE("sign-in-number-not-here", RefusalKind.INVALID);

    private final String type;
    private final RefusalKind kind;

    EmployerRefusal(String type, RefusalKind kind) {
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
