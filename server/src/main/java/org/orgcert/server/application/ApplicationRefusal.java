package org.orgcert.server.application;

import org.orgcert.server.domain.RefusalCode;
import org.orgcert.server.domain.RefusalKind;

/** What the application capability refuses, by stable type (the problem type an API caller sees). */
public enum ApplicationRefusal implements RefusalCode {
    NO_TOKEN("no-token", RefusalKind.CONFLICT),
    TRANSITION_NOT_ALLOWED("transition-not-allowed", RefusalKind.CONFLICT),
    APPLICATION_NOT_FOUND("application-not-found", RefusalKind.NOT_FOUND),
    MATERIALS_MISSING("materials-missing", RefusalKind.CONFLICT),
    WAYBILL_REQUIRED("waybill-required", RefusalKind.INVALID),
    NO_MATERIALS("no-materials", RefusalKind.INVALID),
    EMPTY_BATCH("empty-batch", RefusalKind.INVALID),
    OTHER_WINDOW("other-window", RefusalKind.FORBIDDEN),
    MATERIAL_NOT_REQUIRED("material-not-required", RefusalKind.INVALID),
    MATERIALS_CLOSED("materials-closed", RefusalKind.CONFLICT),
    TRANSITION_REFUSED("transition-refused", RefusalKind.CONFLICT),
    CONCURRENT_CHANGE("concurrent-change", RefusalKind.CONFLICT),
    EMPTY_FILE("empty-file", RefusalKind.INVALID),
    FILE_TOO_LARGE("file-too-large", RefusalKind.TOO_LARGE),
    UNSUPPORTED_FILE_TYPE("unsupported-file-type", RefusalKind.UNSUPPORTED_TYPE),
    NOT_YOUR_EMPLOYER("not-your-employer", RefusalKind.FORBIDDEN),
    CHANNEL_NOT_ALLOWED("channel-not-allowed", RefusalKind.FORBIDDEN),
    STAFF_ONLY("staff-only", RefusalKind.FORBIDDEN),
    DOCUMENT_NOT_FOUND("document-not-found", RefusalKind.NOT_FOUND),
    FORWARD_WITHOUT_PAPERS("forward-without-papers", RefusalKind.CONFLICT),
    PAYMENT_OUTSTANDING("payment-outstanding", RefusalKind.CONFLICT),
    PICKUP_PERIOD_NOT_OVER("pickup-period-not-over", RefusalKind.CONFLICT),
    NOT_APPLIED_BY_THIS_ACTOR("not-applied-by-this-actor", RefusalKind.FORBIDDEN),
    REISSUE_ALREADY_FILED("reissue-already-filed", RefusalKind.CONFLICT),
    AGREEMENT_NOT_ACCEPTED("agreement-not-accepted", RefusalKind.INVALID),
    SECOND_NEW_NOT_CONFIRMED("second-new-not-confirmed", RefusalKind.CONFLICT);

    private final String type;
    private final RefusalKind kind;

    ApplicationRefusal(String type, RefusalKind kind) {
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
