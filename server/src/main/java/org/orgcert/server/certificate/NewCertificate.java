package org.orgcert.server.certificate;

import java.math.BigInteger;
import java.util.Objects;
import java.util.UUID;
import org.orgcert.pki.issue.PreparedCertificate;
import org.orgcert.pki.name.Uscc;

/**
 * A prepared, not yet signed certificate that issuance records before asking the CA to sign it.
 *
 * @param applicationId the application it is produced for
 * @param ca            the issuing CA's label
 * @param uscc          the employer's USCC
 * @param employerName  the employer's name
 * @param algorithm     the key algorithm label
 * @param prepared      serial, TBS bytes, profile and validity from {@code CertificateIssuer.prepare}
 * @param tokenSerial   the USB key holding the private key
 * @param predecessor   the certificate it succeeds (renewal, information change), or null
 */
public record NewCertificate(UUID applicationId, String ca, Uscc uscc, String employerName, String algorithm,
        PreparedCertificate prepared, String tokenSerial, BigInteger predecessor) {
    public NewCertificate {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(uscc, "uscc");
        Objects.requireNonNull(employerName, "employerName");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(prepared, "prepared");
        Objects.requireNonNull(tokenSerial, "tokenSerial");
    }

    /** A certificate that succeeds none: a new USB key's. */
    public NewCertificate(UUID applicationId, String ca, Uscc uscc, String employerName, String algorithm,
            PreparedCertificate prepared, String tokenSerial) {
        this(applicationId, ca, uscc, employerName, algorithm, prepared, tokenSerial, null);
    }
}
