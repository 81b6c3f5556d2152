package org.orgcert.server.web;

import org.orgcert.server.domain.RefusalCode;
import org.orgcert.server.domain.RefusalKind;

/** What the web capability refuses, by stable type (the problem type an API caller sees). */
public enum WebRefusal implements RefusalCode {
    FILE_TOO_LARGE("file-too-large", RefusalKind.TOO_LARGE),
    /** An uploaded file's name longer than a multipart part's header may be. */
    FILE_NAME_TOO_LONG("file-name-too-long", RefusalKind.INVALID),
    /** The body is not JSON at all (a field of the wrong type or value is {@code invalid-input}, naming it). */
    MALFORMED_JSON("malformed-json", RefusalKind.INVALID),
    /** The body cannot be read as the endpoint takes it (missing, or of another form). */
    UNREADABLE_BODY("unreadable-body", RefusalKind.INVALID),
    /** Spring Security's firewall refused the address (an encoded slash, a {@code ;}, a {@code ..}). */
    REQUEST_REJECTED("request-rejected", RefusalKind.INVALID),
    /** Tomcat could not read the request (its request line, a header, the parameters). */
    BAD_REQUEST("bad-request", RefusalKind.INVALID),
    /** No such address. */
    NOT_FOUND("not-found", RefusalKind.NOT_FOUND),
    /** The request (a form, the headers) is larger than the server reads. */
    REQUEST_TOO_LARGE("request-too-large", RefusalKind.TOO_LARGE),
    /** The service failed; nothing was done. */
    FAILED("internal-error", RefusalKind.FAILED);

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
