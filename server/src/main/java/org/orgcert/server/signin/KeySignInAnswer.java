package org.orgcert.server.signin;

/**
 * What the sign-in page posts after the assistant signed: the challenge's nonce, the exact bytes the key signed
 * (the challenge plus the assistant's presence line), the signature and the certificate (DER).
 */
public record KeySignInAnswer(String nonce, byte[] signed, byte[] signature, byte[] certificate) {
    /** Limits on what a page may post: a certificate of the service is well under 4 KiB. */
    static final int MAX_CERTIFICATE = 16 * 1024;
    static final int MAX_SIGNED = 2 * 1024;
    static final int MAX_SIGNATURE = 1024;

    public KeySignInAnswer {
        if (nonce == null || signed == null || signature == null || certificate == null
                || signed.length > MAX_SIGNED || signature.length > MAX_SIGNATURE || certificate.length > MAX_CERTIFICATE) {
            throw new IllegalArgumentException("incomplete or oversized sign-in answer");
        }
    }
}
