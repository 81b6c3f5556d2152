package org.orgcert.token;

import java.io.IOException;
import org.bouncycastle.asn1.x509.Certificate;
import org.orgcert.pki.Der;
import org.orgcert.pki.PkiException;

/** Reads certificates handed to a token, from untrusted bytes. */
final class Certificates {
    private Certificates() {
    }

    /** @throws TokenException MALFORMED for anything that is not one DER certificate */
    static Certificate parse(byte[] der) {
        if (der == null) {
            throw malformed(null);
        }
        try {
            return Der.parse(der, Der.DEFAULT_LIMIT, "certificate", Certificate::getInstance);
        } catch (PkiException | IllegalArgumentException e) {
            throw malformed(e);
        }
    }

    /** The certified key's SubjectPublicKeyInfo DER. */
    static byte[] publicKey(Certificate certificate) {
        try {
            return certificate.getSubjectPublicKeyInfo().getEncoded("DER");
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    private static TokenException malformed(Exception cause) {
        return new TokenException(TokenException.Kind.MALFORMED, "This is not a valid X.509 certificate.", cause);
    }
}
