package org.orgcert.kit;

import java.io.ByteArrayInputStream;
import java.security.Provider;
import java.security.Security;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Bouncy Castle as a JCA provider, for what needs one (PKIX path validation, CRL and OCSP signatures). The
 * kit uses a registered "BC" provider when the platform has one and its own instance otherwise: a library
 * should not change the JVM's provider list. The JDK's own providers cannot parse SM2 certificates.
 */
final class Bc {
    static final Provider PROVIDER = provider();

    private Bc() {
    }

    private static Provider provider() {
        Provider registered = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        return registered instanceof BouncyCastleProvider ? registered : new BouncyCastleProvider();
    }

    /** The certificate as a JCA object (Bouncy Castle's: it reads SM2). */
    static X509Certificate x509(ParsedCertificate certificate) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509", PROVIDER)
                    .generateCertificate(new ByteArrayInputStream(certificate.der));
        } catch (Exception e) {
            throw new KitException(KitException.Kind.MALFORMED, "the certificate cannot be read as X.509", e);
        }
    }

    /** Verifies signatures made with the key of {@code certificate} (SM2 with the default user ID). */
    static ContentVerifierProvider verifier(ParsedCertificate certificate) {
        try {
            return new JcaContentVerifierProviderBuilder().setProvider(PROVIDER)
                    .build(new X509CertificateHolder(certificate.structure));
        } catch (Exception e) {
            throw new KitException(KitException.Kind.UNSUPPORTED_KEY, "no verifier for the CA's key", e);
        }
    }
}
