package org.orgcert.server.portal;

import org.orgcert.server.domain.RefusalCode;
import org.orgcert.server.domain.RefusalKind;

/** What the portal capability refuses, by stable type (the problem type an API caller sees). */
public enum PortalRefusal implements RefusalCode {
    NOT_A_DEMO("not-a-demo", RefusalKind.NOT_FOUND),
    NOT_MAILED("not-mailed", RefusalKind.CONFLICT),
    STAFF_ONLY("staff-only", RefusalKind.FORBIDDEN),
    UNKNOWN_CERTIFICATE("unknown-certificate", RefusalKind.NOT_FOUND),
    CALENDAR_YEAR_MISSING("calendar-year-missing", RefusalKind.CONFLICT);

    private final String type;
    private final RefusalKind kind;

    PortalRefusal(String type, RefusalKind kind) {
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
