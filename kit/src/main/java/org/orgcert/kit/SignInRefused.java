package org.orgcert.kit;

/**
 * Why {@link ChallengeVerifier#verify} refused an answer (docs/signin.md: "The verifier refuses"). Audit it
 * with {@link #reason()}; the message says more and holds no secret.
 */
public final class SignInRefused extends RuntimeException {
    /** Why the answer was refused. */
    public enum Reason {
        /** The signed text is not a challenge plus one presence line, or a field has the wrong form. */
        MALFORMED,
        /** The nonce was never issued here, or was forgotten (see the nonce store). */
        UNKNOWN_CHALLENGE,
        /** The challenge was answered before: a replay. */
        REPLAYED,
        /** The challenge is older than {@link ChallengeVerifier#LIFETIME}. */
        EXPIRED,
        /** The challenge was issued for, or is presented to, another platform. */
        OTHER_PLATFORM,
        /** The challenge was issued for, or is presented from, another origin. */
        OTHER_ORIGIN,
        /** The signed text differs from the issued challenge elsewhere (its time). */
        ALTERED,
        /** The certificate is not the one the challenge names. */
        OTHER_CERTIFICATE,
        /** The certificate is not valid: see {@link #certificateStatus()}. */
        CERTIFICATE,
        /** The certificate names no valid USCC. */
        NO_IDENTITY,
        /** The signature is of another algorithm than the certificate's key. */
        WRONG_ALGORITHM,
        /** The signature does not verify. */
        BAD_SIGNATURE
    }

    private final Reason reason;
    private final CertificateStatus certificateStatus;

    SignInRefused(Reason reason, String message) {
        this(reason, message, null);
    }

    SignInRefused(Reason reason, String message, CertificateStatus certificateStatus) {
        super(message, null, false, false);
        this.reason = reason;
        this.certificateStatus = certificateStatus;
    }

    /** Why. */
    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#CERTIFICATE}, what the certificate validation said; otherwise null. */
    public CertificateStatus certificateStatus() {
        return certificateStatus;
    }
}
