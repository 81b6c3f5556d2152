package org.orgcert.server.certificate;

import org.orgcert.server.domain.RefusalCode;
import org.orgcert.server.domain.RefusalKind;

/** What the certificate capability refuses, by stable type (the problem type an API caller sees). */
public enum CertificateRefusal implements RefusalCode {
    INVALID_REASON("invalid-reason", RefusalKind.INVALID),
    UNKNOWN_CERTIFICATE("unknown-certificate", RefusalKind.NOT_FOUND),
    ALREADY_REVOKED("already-revoked", RefusalKind.CONFLICT),
    NOT_ISSUED("not-issued", RefusalKind.CONFLICT),
    /** The event is not one a certificate in its state can take. */
    STEP_NOT_ALLOWED("certificate-step-not-allowed", RefusalKind.CONFLICT),
    /** Only a certificate replaced by an information change is superseded. */
    NOT_REPLACED("not-replaced", RefusalKind.CONFLICT),
    /** The replacing certificate is not on the USB key yet: the old one stays valid. */
    SUCCESSOR_NOT_ON_KEY("successor-not-on-key", RefusalKind.CONFLICT),
    /** The grace period of a replaced certificate is not over yet. */
    GRACE_NOT_OVER("grace-not-over", RefusalKind.CONFLICT);

    private final String type;
    private final RefusalKind kind;

    CertificateRefusal(String type, RefusalKind kind) {
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
