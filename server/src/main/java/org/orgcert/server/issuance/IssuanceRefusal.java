package org.orgcert.server.issuance;

import org.orgcert.server.domain.RefusalCode;
import org.orgcert.server.domain.RefusalKind;

/** What the issuance capability refuses, by stable type (the problem type an API caller sees). */
public enum IssuanceRefusal implements RefusalCode {
    UNSUPPORTED_ALGORITHM("unsupported-algorithm", RefusalKind.INVALID),
    APPLICATION_MISMATCH("application-mismatch", RefusalKind.CONFLICT),
    INVALID_EMPLOYER_NAME("invalid-employer-name", RefusalKind.INVALID),
    /** Another call has been producing this application for longer than the wait; nothing was spent. */
    PRODUCTION_IN_PROGRESS("production-in-progress", RefusalKind.CONFLICT),
    /** Every production slot stayed taken for longer than the wait; nothing was spent. */
    PRODUCTION_BUSY("production-busy", RefusalKind.UNAVAILABLE),
    /** The deployment listens beyond loopback without ORGCERT_PUBLIC_URL: certificates would name localhost. */
    PUBLIC_URL_NOT_SET("public-url-not-set", RefusalKind.UNAVAILABLE);

    private final String type;
    private final RefusalKind kind;

    IssuanceRefusal(String type, RefusalKind kind) {
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
