package org.orgcert.server.lifecycle;

import org.orgcert.server.domain.RefusalCode;
import org.orgcert.server.domain.RefusalKind;

/** What the lifecycle capability refuses, by stable type (the problem type an API caller sees). */
public enum LifecycleRefusal implements RefusalCode {
    NO_SUCCESSOR("no-successor", RefusalKind.NOT_FOUND),
    UNKNOWN_REQUEST("unknown-request", RefusalKind.NOT_FOUND),
    NOTHING_CHANGED("nothing-changed", RefusalKind.INVALID),
    UNKNOWN_CERTIFICATE("unknown-certificate", RefusalKind.NOT_FOUND),
    USCC_CANNOT_CHANGE("uscc-cannot-change", RefusalKind.CONFLICT),
    CERTIFICATE_NOT_VALID("certificate-not-valid", RefusalKind.CONFLICT),
    ALREADY_RENEWED("already-renewed", RefusalKind.CONFLICT),
    REASON_REQUIRED("reason-required", RefusalKind.INVALID),
    ALREADY_DECIDED("already-decided", RefusalKind.CONFLICT),
    CHANGE_PENDING("change-pending", RefusalKind.CONFLICT),
    UNLOCK_RATE_LIMITED("unlock-rate-limited", RefusalKind.TOO_MANY),
    UNKNOWN_TOKEN("unknown-token", RefusalKind.NOT_FOUND),
    INVALID_CHALLENGE("invalid-challenge", RefusalKind.INVALID),
    BAD_SIGNATURE("bad-signature", RefusalKind.INVALID),
    CERTIFICATE_REVOKED("certificate-revoked", RefusalKind.CONFLICT),
    CERTIFICATE_EXPIRED("certificate-expired", RefusalKind.CONFLICT),
    RENEWAL_NOT_OPEN("renewal-not-open", RefusalKind.CONFLICT),
    STALE_NONCE("stale-nonce", RefusalKind.CONFLICT),
    ALREADY_REVOKED("already-revoked", RefusalKind.CONFLICT),
    /** Not the secret of the assistant that filed the unlock request (or no such request). */
    WRONG_RESPONSE_SECRET("wrong-response-secret", RefusalKind.FORBIDDEN),
    /** The unlock request is pending or rejected: no response. */
    UNLOCK_NOT_APPROVED("unlock-not-approved", RefusalKind.CONFLICT);

    private final String type;
    private final RefusalKind kind;

    LifecycleRefusal(String type, RefusalKind kind) {
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
