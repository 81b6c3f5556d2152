package org.orgcert.kit;

import java.time.Instant;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Who an employer certificate names: the employer's USCC and registered name, and the certificate's serial
 * and validity. Read from the certificate alone; whether to trust it is {@link SignInVerifier}'s question.
 *
 * @param uscc      the unified social credit code (GB 32100-2015), check characters verified
 * @param name      the registered name: subject O, or CN when there is no O
 * @param serial    the certificate's serial number, hexadecimal, upper case (the {@code cert_serial} claim)
 * @param notBefore start of validity
 * @param notAfter  end of validity
 */
public record EmployerIdentity(String uscc, String name, String serial, Instant notBefore, Instant notAfter) {

    /** Reads the identity with OrgCert's default extension OIDs ({@link IdentityOids#DEFAULT}). */
    public static EmployerIdentity of(byte[] certificateDer) {
        return of(certificateDer, IdentityOids.DEFAULT);
    }

    /**
     * Reads the identity of a DER certificate.
     *
     * <p>The USCC comes from the 2023 USCC extension and the 2012 identity-code extension (as far as
     * {@code oids} names them and the certificate has them), falling back to the subject serialNumber. All
     * copies present must agree; a subject serialNumber that is not a USCC at all is ignored when an
     * extension names one (some CAs put their own numbers there).
     *
     * @throws KitException MALFORMED, TOO_LARGE, NO_USCC, INVALID_USCC, INCONSISTENT_USCC, NOT_A_STRING
     */
    public static EmployerIdentity of(byte[] certificateDer, IdentityOids oids) {
        return of(ParsedCertificate.parse(certificateDer), oids);
    }

    static EmployerIdentity of(ParsedCertificate certificate, IdentityOids oids) {
        try {
            return read(certificate, oids);
        } catch (KitException e) {
            throw e;
        } catch (RuntimeException e) {
            // Bouncy Castle reads names and extensions lazily: a bad one surfaces only now.
            throw new KitException(KitException.Kind.MALFORMED, "the certificate's subject or extensions cannot be read", e);
        }
    }

    private static EmployerIdentity read(ParsedCertificate certificate, IdentityOids oids) {
        String fromExtensions = null;
        for (String oid : new String[] {oids.usccExtension(), oids.identityCode()}) {
            if (oid == null) {
                continue;
            }
            String value = certificate.extensionString(new ASN1ObjectIdentifier(oid));
            if (value == null) {
                continue;
            }
            if (!UsccCheck.isValid(value)) {
                throw new KitException(KitException.Kind.INVALID_USCC, "extension " + oid + " is not a valid USCC");
            }
            if (fromExtensions != null && !fromExtensions.equals(value)) {
                throw new KitException(KitException.Kind.INCONSISTENT_USCC,
                        "the USCC extensions of the certificate name different USCCs");
            }
            fromExtensions = value;
        }
        String fromSubject = attribute(certificate.subject(), BCStyle.SERIALNUMBER);
        String uscc;
        if (fromExtensions != null) {
            if (UsccCheck.isValid(fromSubject) && !fromSubject.equals(fromExtensions)) {
                throw new KitException(KitException.Kind.INCONSISTENT_USCC,
                        "the subject serialNumber and the USCC extension name different USCCs");
            }
            uscc = fromExtensions;
        } else if (fromSubject == null) {
            throw new KitException(KitException.Kind.NO_USCC, "the certificate names no USCC");
        } else if (!UsccCheck.isValid(fromSubject)) {
            throw new KitException(KitException.Kind.INVALID_USCC, "the subject serialNumber is not a valid USCC");
        } else {
            uscc = fromSubject;
        }
        String name = attribute(certificate.subject(), BCStyle.O);
        if (name == null || name.isBlank()) {
            name = attribute(certificate.subject(), BCStyle.CN);
        }
        if (name == null || name.isBlank()) {
            throw new KitException(KitException.Kind.MALFORMED, "the certificate's subject has no O and no CN");
        }
        return new EmployerIdentity(uscc, name, certificate.serial.toString(16).toUpperCase(Locale.ROOT),
                certificate.notBefore, certificate.notAfter);
    }

    private static String attribute(X500Name subject, ASN1ObjectIdentifier type) {
        for (RDN rdn : subject.getRDNs(type)) {
            ASN1Encodable value = rdn.getFirst().getValue();
            if (value instanceof ASN1String s) {
                return s.getString();
            }
        }
        return null;
    }
}
