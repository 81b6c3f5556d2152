package org.orgcert.server.directory;

import org.orgcert.server.domain.RefusalCode;
import org.orgcert.server.domain.RefusalKind;

/** What the directory capability refuses, by stable type (the problem type an API caller sees). */
public enum DirectoryRefusal implements RefusalCode {
    UNKNOWN_WINDOW("unknown-window", RefusalKind.NOT_FOUND);

    private final String type;
    private final RefusalKind kind;

    DirectoryRefusal(String type, RefusalKind kind) {
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
