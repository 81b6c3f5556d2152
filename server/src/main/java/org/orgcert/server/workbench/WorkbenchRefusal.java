package org.orgcert.server.workbench;

import org.orgcert.server.domain.RefusalCode;
import org.orgcert.server.domain.RefusalKind;

/** What the workbench capability refuses, by stable type (the problem type an API caller sees). */
public enum WorkbenchRefusal implements RefusalCode {
;

    private final String type;
    private final RefusalKind kind;

    WorkbenchRefusal(String type, RefusalKind kind) {
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
