package org.orgcert.key;

import java.time.Instant;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Certificate;
import org.orgcert.pki.Asn1Time;
import org.orgcert.pki.Der;
import org.orgcert.pki.PkiException;
import org.orgcert.pki.issue.EmployerNames;

/**
 * What a person needs to know about a certificate on the token: whose it is, its serial and validity.
 *
 * @param subject   the subject name (the employer), as RFC 4514-like text
 * @param serialHex the serial in upper-case hex, as the service names it
 * @param notBefore start of validity
 * @param notAfter  end of validity
 * @param der       the certificate's DER bytes
 */
public record CertificateSummary(String subject, String serialHex, Instant notBefore, Instant notAfter, byte[] der) {
    /** Copies the bytes. */
    public CertificateSummary {
        der = der.clone();
    }

    @Override
    public byte[] der() {
        return der.clone();
    }

    /**
     * Reads a certificate from untrusted bytes (DER only, size-limited, as every parser in OrgCert).
     *
     * @throws KeyAssistantException BAD_CERTIFICATE
     */
    public static CertificateSummary parse(byte[] der) {
        if (der == null) {
            throw new KeyAssistantException(KeyAssistantException.Kind.BAD_CERTIFICATE, "There is no certificate.");
        }
        try {
            Certificate certificate = Der.parse(der, Der.DEFAULT_LIMIT, "certificate", Certificate::getInstance);
            return new CertificateSummary(X500Name.getInstance(certificate.getSubject()).toString(),
                    certificate.getSerialNumber().getValue().toString(16).toUpperCase(Locale.ROOT),
                    Asn1Time.instant(certificate.getStartDate()), Asn1Time.instant(certificate.getEndDate()), der);
        } catch (PkiException | IllegalArgumentException e) {
            throw new KeyAssistantException(KeyAssistantException.Kind.BAD_CERTIFICATE,
                    "This is not a valid X.509 certificate.", e);
        }
    }

    /** The employer's name as people read it: the subject's organisation (O), else its whole subject. */
    public String employerName() {
        String name = EmployerNames.organisation(subjectName());
        return name == null ? subject : name;
    }

    /** The employer's unified social credit code (the subject's serialNumber), or null when there is none. */
    public String uscc() {
        return EmployerNames.uscc(subjectName());
    }

    private X500Name subjectName() {
        return X500Name.getInstance(Certificate.getInstance(der).getSubject());
    }

    /** The renewal window at {@code now} (R-REN-1). */
    public RenewalWindow renewalWindow(Instant now) {
        return RenewalWindow.of(notAfter, now);
    }
}
