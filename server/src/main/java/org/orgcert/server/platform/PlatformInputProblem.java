package org.orgcert.server.platform;

/**
 * What is wrong with one field of a platform, as a stable code: a refused registration or change carries one per
 * field (problem property {@code problems}, e.g. {@code {"redirectUris[1]": "uri-fragment"}}) next to the English
 * message per field, so the staff pages can say it in the reader's language and a script can act on it.
 */
public enum PlatformInputProblem {
    REQUIRED("required", "is required"),
    CLIENT_ID_FORMAT("client-id-format", "3 to 40 characters: lower-case letters a-z, digits and '-'"),
    /** A NUL or other control character, or half a character (the message says which, where). */
    NOT_PLAIN_TEXT("not-plain-text", "contains a control character; only printable text is accepted"),
    TOO_LONG("too-long", "is too long"),
    TOO_MANY("too-many", "at most " + PlatformInput.MAX_URIS + " addresses"),
    URI_INVALID("uri-invalid", "is not an absolute URI with a host, such as https://platform.example.gov.cn/callback"),
    URI_SCHEME("uri-scheme", "must be https (http only on localhost or 127.0.0.1, for demos)"),
    URI_HTTP_NOT_LOOPBACK("uri-http-not-loopback", "http is accepted only on localhost or 127.0.0.1 (a demo on"
            + " this machine); a platform on the network uses https"),
    URI_FRAGMENT("uri-fragment", "must not have a fragment (#…): OAuth 2.0 and OIDC forbid it"),
    SCOPE_UNKNOWN("scope-unknown", "is not one of " + String.join(", ", RelyingPlatform.SCOPES)),
    OPENID_REQUIRED("openid-required", "must include openid: without it there is no ID token naming the employer"),
    AUTHENTICATION_UNKNOWN("authentication-unknown", "is client_secret_basic (we generate a secret) or none (a"
            + " public client)");

    private final String code;
    private final String message;

    PlatformInputProblem(String code, String message) {
        this.code = code;
        this.message = message;
    }

    /** The stable code, e.g. {@code uri-fragment}. */
    public String code() {
        return code;
    }

    /** The English message for an API caller. */
    public String message() {
        return message;
    }
}
