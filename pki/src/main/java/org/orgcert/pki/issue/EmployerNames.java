package org.orgcert.pki.issue;

import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.orgcert.pki.PkiException;
import org.orgcert.pki.name.DivisionPlace;
import org.orgcert.pki.profile.CertificateProfile;

/**
 * Builds and reads employer subjects: {@code C=CN, ST=province, L=prefecture, O=name, CN=name,
 * serialNumber=USCC}, ST and L only as far as the USCC's division code proves them ({@link DivisionPlace}:
 * ST=云南省, L=曲靖市 for 530302; no L for a province-level code; neither for an unknown one). Country and
 * serialNumber are PrintableString (RFC 5280 appendix A), all other attributes UTF8String (RFC 5280
 * 4.1.2.4), so Chinese names survive every verifier.
 */
public final class EmployerNames {
    private EmployerNames() {
    }

    /** The subject for {@code employer} under {@code profile}. */
    public static X500Name subject(CertificateSubject.Employer employer, CertificateProfile profile) {
        String name = checkedName(employer.name(), profile.maxNameLength());
        DivisionPlace place = DivisionPlace.of(employer.uscc());
        List<RDN> rdns = new ArrayList<>();
        rdns.add(new RDN(BCStyle.C, new DERPrintableString(profile.subject().country())));
        if (place.province() != null) {
            rdns.add(new RDN(BCStyle.ST, new DERUTF8String(place.province())));
        }
        if (place.prefecture() != null) {
            rdns.add(new RDN(BCStyle.L, new DERUTF8String(place.prefecture())));
        }
        rdns.add(new RDN(BCStyle.O, new DERUTF8String(name)));
        rdns.add(new RDN(BCStyle.CN, new DERUTF8String(name)));
        rdns.add(new RDN(BCStyle.SERIALNUMBER, new DERPrintableString(employer.uscc().value())));
        return new X500Name(rdns.toArray(RDN[]::new));
    }

    /** The organisation name in an employer subject, or null when there is none. */
    public static String organisation(X500Name subject) {
        return firstValue(subject, BCStyle.O);
    }

    /** The USCC (serialNumber attribute) of an employer subject, or null when there is none. */
    public static String uscc(X500Name subject) {
        return firstValue(subject, BCStyle.SERIALNUMBER);
    }

    private static String firstValue(X500Name subject, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
        RDN[] rdns = subject.getRDNs(type);
        if (rdns.length == 0) {
            return null;
        }
        ASN1Encodable value = rdns[0].getFirst().getValue();
        return value instanceof org.bouncycastle.asn1.ASN1String s ? s.getString() : value.toString();
    }

    /**
     * The name as it goes into the certificate: surrounding white space removed, inner runs kept.
     *
     * @throws PkiException LINT for an empty name, a name with control characters, or a name longer
     *                      than the profile allows
     */
    static String checkedName(String raw, int maxLength) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            throw new PkiException(PkiException.Kind.LINT, "the employer name is empty");
        }
        int length = name.codePointCount(0, name.length());
        if (length > maxLength) {
            throw new PkiException(PkiException.Kind.LINT,
                    "the employer name has " + length + " characters; the profile allows " + maxLength);
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw new PkiException(PkiException.Kind.LINT, "the employer name contains control characters");
        }
        return name;
    }
}
