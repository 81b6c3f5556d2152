package org.orgcert.server.calendar;

import org.orgcert.server.domain.RefusalCode;
import org.orgcert.server.domain.RefusalKind;

/** What the calendar capability refuses, by stable type (the problem type an API caller sees). */
public enum CalendarRefusal implements RefusalCode {
    CALENDAR_YEAR_MISSING("calendar-year-missing", RefusalKind.CONFLICT),
    INVALID_YEAR("invalid-year", RefusalKind.INVALID),
    INVALID_WORKING_DAYS("invalid-working-days", RefusalKind.INVALID);

    private final String type;
    private final RefusalKind kind;

    CalendarRefusal(String type, RefusalKind kind) {
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
