package org.orgcert.server.billing;

import org.orgcert.server.domain.RefusalCode;
import org.orgcert.server.domain.RefusalKind;

/** What the billing capability refuses, by stable type (the problem type an API caller sees). */
public enum BillingRefusal implements RefusalCode {
    NOT_REQUESTED("not-requested", RefusalKind.CONFLICT),
    QUOTE_RENEWAL_BY_CERTIFICATE("quote-renewal-by-certificate", RefusalKind.INVALID),
    STATEMENT_TOO_LARGE("statement-too-large", RefusalKind.INVALID),
    DUPLICATE_REFERENCE("duplicate-reference", RefusalKind.CONFLICT),
    INVALID_STATEMENT("invalid-statement", RefusalKind.INVALID),
    STATEMENT_TOO_LONG("statement-too-long", RefusalKind.INVALID),
    ALREADY_MATCHED("already-matched", RefusalKind.CONFLICT),
    REFUND_TOO_LARGE("refund-too-large", RefusalKind.CONFLICT),
    APPLICATION_ENDED("application-ended", RefusalKind.CONFLICT),
    UNKNOWN_PAYMENT("unknown-payment", RefusalKind.NOT_FOUND),
    NO_PRICE("no-price", RefusalKind.CONFLICT),
    OVERLAPPING_PRICE("overlapping-price", RefusalKind.CONFLICT);

    private final String type;
    private final RefusalKind kind;

    BillingRefusal(String type, RefusalKind kind) {
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
