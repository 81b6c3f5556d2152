package org.orgcert.server.notification;

import org.orgcert.server.domain.RefusalCode;
import org.orgcert.server.domain.RefusalKind;

/** What the notification capability refuses, by stable type (the problem type an API caller sees). */
public enum NotificationRefusal implements RefusalCode {
    /** No SMS text has this key. */
    SMS_TEXT_NOT_FOUND("sms-text-not-found", RefusalKind.NOT_FOUND),
    /** The text is empty, or not one line of plain text. */
    SMS_TEXT_INVALID("sms-text-invalid", RefusalKind.INVALID),
    /** The text names a placeholder its step does not fill, or has a brace that opens none (R-SMS-2). */
    SMS_TEXT_UNKNOWN_PLACEHOLDER("sms-text-unknown-placeholder", RefusalKind.INVALID),
    /** Filled in with the longest values, the text needs more than 5 SMS (R-SMS-2). */
    SMS_TEXT_TOO_LONG("sms-text-too-long", RefusalKind.INVALID);

    private final String type;
    private final RefusalKind kind;

    NotificationRefusal(String type, RefusalKind kind) {
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
