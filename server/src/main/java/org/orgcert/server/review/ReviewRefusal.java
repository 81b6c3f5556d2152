package org.orgcert.server.review;

import org.orgcert.server.domain.RefusalCode;
import org.orgcert.server.domain.RefusalKind;

/** What the review capability refuses, by stable type (the problem type an API caller sees). */
public enum ReviewRefusal implements RefusalCode {
    BAD_CSV("bad-csv", RefusalKind.INVALID),
    NOT_REVIEWED("not-reviewed", RefusalKind.NOT_FOUND),
    TOO_LARGE("too-large", RefusalKind.INVALID),
    NOT_UNDER_REVIEW("not-under-review", RefusalKind.CONFLICT),
    NO_MISMATCH("no-mismatch", RefusalKind.CONFLICT);

    private final String type;
    private final RefusalKind kind;

    ReviewRefusal(String type, RefusalKind kind) {
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
