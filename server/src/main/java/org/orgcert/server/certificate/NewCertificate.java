package org.orgcert.server.certificate;

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
 */
public record NewCertificate(UUID applicationId, String ca, Uscc uscc, String employerName, String algorithm,
        PreparedCertificate prepared, String tokenSerial) {
    public NewCertificate {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(uscc, "uscc");
        Objects.requireNonNull(employerName, "employerName");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(prepared, "prepared");
        Objects.requireNonNull(tokenSerial, "tokenSerial");
    }
}
