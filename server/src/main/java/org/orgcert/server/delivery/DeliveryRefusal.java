package org.orgcert.server.delivery;

import org.orgcert.server.domain.RefusalCode;
import org.orgcert.server.domain.RefusalKind;

/** What the delivery capability refuses, by stable type (the problem type an API caller sees). */
public enum DeliveryRefusal implements RefusalCode {
    OTHER_WINDOW("other-window", RefusalKind.FORBIDDEN);

    private final String type;
    private final RefusalKind kind;

    DeliveryRefusal(String type, RefusalKind kind) {
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
