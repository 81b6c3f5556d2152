package org.orgcert.server.signin;

import org.orgcert.server.domain.RefusalCode;
import org.orgcert.server.domain.RefusalKind;

/** Why a sign-in with the key was refused (docs/signin.md), by the stable type an API caller sees. */
public enum SignInRefusal implements RefusalCode {
    /** The relying platform is unknown or disabled, or no platform asked (no authorization request). */
    UNKNOWN_PLATFORM("unknown-platform", RefusalKind.INVALID),
    /** The answer does not have the challenge's shape, or a field is missing or malformed. */
    MALFORMED_ANSWER("malformed-answer", RefusalKind.INVALID),
    /** The challenge is unknown, used already or older than its two minutes. */
    STALE_CHALLENGE("stale-challenge", RefusalKind.CONFLICT),
    /** The signed text is not the challenge this provider issued (plus one presence line). */
    OTHER_CHALLENGE("other-challenge", RefusalKind.INVALID),
    /** The challenge was made for another site or platform than the one that answers. */
    OTHER_ORIGIN("other-origin", RefusalKind.FORBIDDEN),
    /** The certificate is not the one the challenge names, or not one this CA issued. */
    UNKNOWN_CERTIFICATE("unknown-certificate", RefusalKind.FORBIDDEN),
    /** The certificate may not sign (no digitalSignature). */
    WRONG_KEY_USAGE("wrong-key-usage", RefusalKind.FORBIDDEN),
    CERTIFICATE_NOT_YET_VALID("certificate-not-yet-valid", RefusalKind.FORBIDDEN),
    CERTIFICATE_EXPIRED("certificate-expired", RefusalKind.FORBIDDEN),
    CERTIFICATE_REVOKED("certificate-revoked", RefusalKind.FORBIDDEN),
    /** The signature does not verify with the certificate's key (or is of another algorithm). */
    BAD_SIGNATURE("bad-signature", RefusalKind.FORBIDDEN),
    /** A presence secret that ends nothing (unknown, or its sign-ins ended already). */
    UNKNOWN_PRESENCE("unknown-presence", RefusalKind.NOT_FOUND);

    private final String type;
    private final RefusalKind kind;

    SignInRefusal(String type, RefusalKind kind) {
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
