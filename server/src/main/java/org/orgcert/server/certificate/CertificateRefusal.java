package org.orgcert.server.certificate;

import org.orgcert.server.domain.RefusalCode;
import org.orgcert.server.domain.RefusalKind;

/** What the certificate capability refuses, by stable type (the problem type an API caller sees). */
public enum CertificateRefusal implements RefusalCode {
    INVALID_REASON("invalid-reason", RefusalKind.INVALID),
    UNKNOWN_CERTIFICATE("unknown-certificate", RefusalKind.NOT_FOUND),
    ALREADY_REVOKED("already-revoked", RefusalKind.CONFLICT),
    NOT_ISSUED("not-issued", RefusalKind.CONFLICT);

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
