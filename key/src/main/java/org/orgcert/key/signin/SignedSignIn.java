package org.orgcert.key.signin;

/**
 * What a confirmed sign-in gives the provider's page.
 *
 * @param signedText  the challenge with the presence line, exactly the text the key signed
 * @param signature   the key's signature over {@code signedText} in UTF-8 (DER for SM2 and ECDSA)
 * @param certificate the key's certificate, DER
 */
public record SignedSignIn(String signedText, byte[] signature, byte[] certificate) {
    /** Copies the bytes. */
    public SignedSignIn {
        signature = signature.clone();
        certificate = certificate.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public byte[] certificate() {
        return certificate.clone();
    }
}
