package org.orgcert.pki.issue;

import java.io.IOException;
import java.math.BigInteger;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A signed certificate.
 *
 * @param serial the serial number
 * @param der    the DER encoding
 */
public record IssuedCertificate(BigInteger serial, byte[] der) {

    public IssuedCertificate {
        der = der.clone();
    }

    @Override
    public byte[] der() {
        return der.clone();
    }

    /** The certificate parsed by Bouncy Castle (which, unlike the JDK, parses SM2 certificates). */
    public X509CertificateHolder holder() {
        try {
            return new X509CertificateHolder(der);
        } catch (IOException e) {
            throw new IllegalStateException("an issued certificate does not parse", e);
        }
    }
}
