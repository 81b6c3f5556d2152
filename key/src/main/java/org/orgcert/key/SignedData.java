package org.orgcert.key;

/**
 * A signature made by the token's key, with the certificate a relying platform checks it against.
 *
 * @param signature   the signature (DER for SM2 and ECDSA, raw for RSA), exactly what {@code Token.sign} returns
 * @param certificate the token's certificate DER
 */
public record SignedData(byte[] signature, byte[] certificate) {
    /** Copies the bytes. */
    public SignedData {
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
