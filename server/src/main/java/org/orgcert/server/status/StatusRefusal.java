package org.orgcert.server.status;

import org.orgcert.server.domain.RefusalCode;
import org.orgcert.server.domain.RefusalKind;

/** What the status capability refuses, by stable type (the problem type an API caller sees). */
public enum StatusRefusal implements RefusalCode {
    UNKNOWN_CA("unknown-ca", RefusalKind.NOT_FOUND);

    private final String type;
    private final RefusalKind kind;

    StatusRefusal(String type, RefusalKind kind) {
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
