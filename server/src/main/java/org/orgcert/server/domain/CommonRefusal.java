package org.orgcert.server.domain;

/** Refusals every capability may give: form input with a problem per field, and a role that is not allowed. */
public enum CommonRefusal implements RefusalCode {
    /** The input has problems, one message per field ({@link Refusal#fieldErrors()}). */
    INVALID_INPUT("invalid-input", RefusalKind.INVALID),
    /** The actor's role does not take this step. */
    ROLE_NOT_ALLOWED("role-not-allowed", RefusalKind.FORBIDDEN);

    private final String type;
    private final RefusalKind kind;

    CommonRefusal(String type, RefusalKind kind) {
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
