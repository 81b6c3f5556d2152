package org.orgcert.server.web;

import org.orgcert.server.domain.RefusalCode;
import org.orgcert.server.domain.RefusalKind;

/** What the web capability refuses, by stable type (the problem type an API caller sees). */
public enum WebRefusal implements RefusalCode {
    FILE_TOO_LARGE("file-too-large", RefusalKind.TOO_LARGE);

    private final String type;
    private final RefusalKind kind;

    WebRefusal(String type, RefusalKind kind) {
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
