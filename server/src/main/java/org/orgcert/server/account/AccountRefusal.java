package org.orgcert.server.account;

import org.orgcert.server.domain.RefusalCode;
import org.orgcert.server.domain.RefusalKind;

/** What the account capability refuses, by stable type (the problem type an API caller sees). */
public enum AccountRefusal implements RefusalCode {
    CODE_RATE_LIMITED("code-rate-limited", RefusalKind.TOO_MANY),
    /** Too many code requests from one client address, or from all together (not the number's allowance). */
    CODE_REQUESTS_LIMITED("code-requests-limited", RefusalKind.TOO_MANY),
    STAFF_EXISTS("staff-exists", RefusalKind.CONFLICT),
    CANNOT_DISABLE_SELF("cannot-disable-self", RefusalKind.CONFLICT),
    STAFF_NOT_FOUND("staff-not-found", RefusalKind.NOT_FOUND),
    STAFF_ONLY("staff-only", RefusalKind.FORBIDDEN),
    EMPLOYER_AGENT_ONLY("employer-agent-only", RefusalKind.FORBIDDEN),
    UNAUTHENTICATED("unauthenticated", RefusalKind.UNAUTHENTICATED),
    CODE_INVALID("code-invalid", RefusalKind.UNAUTHENTICATED),
    CODE_EXPIRED("code-expired", RefusalKind.UNAUTHENTICATED),
    CODE_ATTEMPTS_EXHAUSTED("code-attempts-exhausted", RefusalKind.UNAUTHENTICATED);

    private final String type;
    private final RefusalKind kind;

    AccountRefusal(String type, RefusalKind kind) {
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
