package org.orgcert.server.platform;

import org.orgcert.server.domain.RefusalCode;
import org.orgcert.server.domain.RefusalKind;

/**
 * What the platform capability refuses, by stable type. Input problems are {@code invalid-input} with a message
 * per field and a code per field ({@link PlatformInputProblem}, property {@code problems}).
 */
public enum PlatformRefusal implements RefusalCode {
    PLATFORM_EXISTS("platform-exists", RefusalKind.CONFLICT),
    PLATFORM_NOT_FOUND("platform-not-found", RefusalKind.NOT_FOUND),
    /** Changed by someone else since the version the change was made on. */
    PLATFORM_CHANGED("platform-changed", RefusalKind.CONFLICT),
    /** A public client has no secret to rotate. */
    PUBLIC_CLIENT_HAS_NO_SECRET("public-client-has-no-secret", RefusalKind.CONFLICT);

    private final String type;
    private final RefusalKind kind;

    PlatformRefusal(String type, RefusalKind kind) {
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
