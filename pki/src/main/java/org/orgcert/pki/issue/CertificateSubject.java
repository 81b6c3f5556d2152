package org.orgcert.pki.issue;

import org.bouncycastle.asn1.x500.X500Name;
import org.orgcert.pki.name.Uscc;

/** Who a certificate is for: an employer (subject built by the profile) or a fixed name (CAs, responders). */
public sealed interface CertificateSubject {

    /**
     * An employer: the profile turns this into {@code C=CN, ST=province, L=prefecture, O=name, CN=name,
     * serialNumber=USCC} (R-CERT-5), ST and L from the USCC's division code where it proves them
     * ({@link org.orgcert.pki.name.DivisionPlace}).
     *
     * @param name the registered organisation name, as on the business licence
     * @param uscc the unified social credit code
     */
    record Employer(String name, Uscc uscc) implements CertificateSubject {
    }

    /** A subject given in full, for CA and OCSP signer certificates. */
    record Named(X500Name name) implements CertificateSubject {
    }
}
