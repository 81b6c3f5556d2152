package org.orgcert.pki.issue;

import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.orgcert.pki.Asn1Time;
import org.orgcert.pki.PkiException;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.name.Uscc;
import org.orgcert.pki.profile.CertificateProfile;
import org.orgcert.pki.profile.KeyUsageBit;

/**
 * Checks a to-be-signed certificate against its profile before anything is signed. It reads the encoded
 * TBSCertificate, not the builder's inputs, so a bug in building is caught here rather than in the field.
 *
 * <p>Checks: version and serial; signature algorithm and issuer; validity within the profile and within
 * the issuer's life; subject form and string types; key algorithm and size; every required extension with
 * exactly the profile's values, and no extension the profile does not name.
 */
public final class CertificateLinter {
    /** The shortest serial accepted: 64 bits of entropy need a serial of at least 64 bits. */
    private static final int MIN_SERIAL_BITS = 64;

    /**
     * What the linter needs to know of the issuer.
     *
     * @param name      the issuer's subject (equal to the subject for a self-signed root)
     * @param keyId     the issuer's key identifier, or null for a self-signed root
     * @param notAfter  the end of the issuer's validity, or null for a root
     * @param algorithm the issuer's signature algorithm
     */
    public record Issuer(X500Name name, byte[] keyId, Instant notAfter, KeyAlgorithm algorithm) {
    }

    private CertificateLinter() {
    }

    /** The problems found, empty when the certificate fits its profile. */
    public static List<String> findings(TBSCertificate tbs, CertificateProfile profile, Issuer issuer) {
        List<String> problems = new ArrayList<>();
        if (tbs.getVersionNumber() != 3) {
            problems.add("version must be v3");
        }
        BigInteger serial = tbs.getSerialNumber().getValue();
        if (serial.signum() <= 0) {
            problems.add("serial number must be positive");
        } else if (serial.bitLength() < MIN_SERIAL_BITS || serial.toByteArray().length > 20) {
            problems.add("serial number must have 64 to 159 bits; it has " + serial.bitLength());
        }
        if (!tbs.getSignature().equals(issuer.algorithm().signatureAlgorithm())) {
            problems.add("signature algorithm " + tbs.getSignature().getAlgorithm() + " is not the issuer's "
                    + issuer.algorithm().signatureName());
        }
        if (!tbs.getIssuer().equals(issuer.name())) {
            problems.add("issuer name is not the CA's subject");
        }
        if (profile.kind() == org.orgcert.pki.profile.ProfileKind.ROOT_CA && !tbs.getSubject().equals(tbs.getIssuer())) {
            problems.add("a root certificate's subject must be its issuer");
        }
        checkValidity(tbs, profile, issuer, problems);
        checkSubject(tbs, profile, problems);
        checkKey(tbs, profile, problems);
        checkExtensions(tbs, profile, issuer, problems);
        return problems;
    }

    /** Throws a LINT {@link PkiException} listing every finding, if there is any. */
    public static void check(TBSCertificate tbs, CertificateProfile profile, Issuer issuer) {
        List<String> problems = findings(tbs, profile, issuer);
        if (!problems.isEmpty()) {
            throw new PkiException(PkiException.Kind.LINT,
                    "certificate refused by profile " + profile.id() + ": " + String.join("; ", problems));
        }
    }

    private static void checkValidity(TBSCertificate tbs, CertificateProfile profile, Issuer issuer,
            List<String> problems) {
        Instant from;
        Instant until;
        try {
            from = Asn1Time.instant(tbs.getStartDate());
            until = Asn1Time.instant(tbs.getEndDate());
        } catch (PkiException e) {
            problems.add(e.getMessage());
            return;
        }
        if (!from.isBefore(until)) {
            problems.add("validity must end after it starts");
            return;
        }
        Instant longest = from.atOffset(ZoneOffset.UTC).plus(profile.validity()).plus(profile.maxCarryOver())
                .toInstant();
        if (until.isAfter(longest)) {
            problems.add("validity " + from + " to " + until + " is longer than the profile's "
                    + profile.validity() + (profile.maxCarryOver().isZero() ? "" : " plus " + profile.maxCarryOver()));
        }
        if (issuer.notAfter() != null && until.isAfter(issuer.notAfter())) {
            problems.add("validity ends after the issuing CA's certificate (" + issuer.notAfter() + ")");
        }
    }

    private static void checkSubject(TBSCertificate tbs, CertificateProfile profile, List<String> problems) {
        X500Name subject = tbs.getSubject();
        if (subject.getRDNs().length == 0) {
            problems.add("subject is empty");
            return;
        }
        for (RDN rdn : subject.getRDNs()) {
            if (rdn.isMultiValued()) {
                problems.add("subject has a multi-valued RDN");
            }
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                boolean printable = attribute.getType().equals(BCStyle.C)
                        || attribute.getType().equals(BCStyle.SERIALNUMBER);
                ASN1Encodable value = attribute.getValue();
                if (printable ? !(value instanceof DERPrintableString) : !(value instanceof DERUTF8String)) {
                    problems.add("subject attribute " + BCStyle.INSTANCE.oidToDisplayName(attribute.getType())
                            + " must be " + (printable ? "PrintableString" : "UTF8String"));
                }
            }
        }
        if (!profile.kind().isEmployer()) {
            return;
        }
        ASN1ObjectIdentifier[] order = {BCStyle.C, BCStyle.ST, BCStyle.L, BCStyle.O, BCStyle.CN, BCStyle.SERIALNUMBER};
        RDN[] rdns = subject.getRDNs();
        ASN1ObjectIdentifier[] actual = Arrays.stream(rdns).map(r -> r.getFirst().getType())
                .toArray(ASN1ObjectIdentifier[]::new);
        if (!Arrays.equals(order, actual)) {
            problems.add("employer subject must be C, ST, L, O, CN, serialNumber in that order");
            return;
        }
        CertificateProfile.SubjectTemplate template = profile.subject();
        if (!template.country().equals(text(rdns[0])) || !template.province().equals(text(rdns[1]))
                || !template.locality().equals(text(rdns[2]))) {
            problems.add("employer subject must have C=" + template.country() + ", ST=" + template.province()
                    + ", L=" + template.locality());
        }
        String organisation = text(rdns[3]);
        if (!organisation.equals(text(rdns[4]))) {
            problems.add("employer subject's O and CN must both be the organisation name");
        }
        int length = organisation.codePointCount(0, organisation.length());
        if (organisation.isBlank() || length > profile.maxNameLength()) {
            problems.add("organisation name must have 1 to " + profile.maxNameLength() + " characters");
        }
        if (!Uscc.isValid(text(rdns[5]))) {
            problems.add("subject serialNumber must be a valid USCC");
        }
    }

    private static void checkKey(TBSCertificate tbs, CertificateProfile profile, List<String> problems) {
        try {
            KeyAlgorithm key = KeyAlgorithm.of(tbs.getSubjectPublicKeyInfo());
            if (!profile.keyAlgorithms().contains(key)) {
                problems.add("profile " + profile.id() + " does not allow " + key.label() + " keys");
            }
        } catch (PkiException e) {
            problems.add(e.getMessage());
        }
    }

    private static void checkExtensions(TBSCertificate tbs, CertificateProfile profile, Issuer issuer,
            List<String> problems) {
        Extensions extensions = tbs.getExtensions();
        if (extensions == null) {
            problems.add("certificate has no extensions");
            return;
        }
        Set<ASN1ObjectIdentifier> allowed = new HashSet<>();
        allowed.add(Extension.keyUsage);
        allowed.add(Extension.subjectKeyIdentifier);

        Extension keyUsage = extensions.getExtension(Extension.keyUsage);
        if (keyUsage == null || !keyUsage.isCritical()) {
            problems.add("keyUsage must be present and critical");
        } else if (!KeyUsageBit.toKeyUsage(profile.keyUsage()).equals(KeyUsage.getInstance(keyUsage.getParsedValue()))) {
            problems.add("keyUsage must be exactly " + profile.keyUsage());
        }
        if (extensions.getExtension(Extension.subjectKeyIdentifier) == null) {
            problems.add("subjectKeyIdentifier is missing");
        }
        if (issuer.keyId() != null) {
            allowed.add(Extension.authorityKeyIdentifier);
            Extension aki = extensions.getExtension(Extension.authorityKeyIdentifier);
            if (aki == null || !Arrays.equals(issuer.keyId(),
                    AuthorityKeyIdentifier.getInstance(aki.getParsedValue()).getKeyIdentifier())) {
                problems.add("authorityKeyIdentifier must be the issuer's key identifier");
            }
        }
        Extension constraints = extensions.getExtension(Extension.basicConstraints);
        if (profile.kind().isCa()) {
            allowed.add(Extension.basicConstraints);
            if (constraints == null || !constraints.isCritical()
                    || !BasicConstraints.getInstance(constraints.getParsedValue()).isCA()) {
                problems.add("a CA certificate needs critical basicConstraints with cA true");
            }
        }
        if (!profile.extendedKeyUsage().isEmpty()) {
            allowed.add(Extension.extendedKeyUsage);
            Extension eku = extensions.getExtension(Extension.extendedKeyUsage);
            List<String> purposes = eku == null ? List.of() : Arrays.stream(
                    ExtendedKeyUsage.getInstance(eku.getParsedValue()).getUsages())
                    .map(KeyPurposeId::getId).toList();
            if (!purposes.equals(profile.extendedKeyUsage())) {
                problems.add("extendedKeyUsage must be exactly " + profile.extendedKeyUsage());
            }
        }
        requirePresence(extensions, Extension.cRLDistributionPoints, profile.crlDistributionPoint(),
                "cRLDistributionPoints", allowed, problems);
        requirePresence(extensions, Extension.authorityInfoAccess, profile.authorityInfoAccess(),
                "authorityInfoAccess", allowed, problems);
        requirePresence(extensions, OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, profile.ocspNoCheck(),
                "ocsp-nocheck", allowed, problems);
        if (!profile.policyOids().isEmpty()) {
            allowed.add(Extension.certificatePolicies);
            Extension policies = extensions.getExtension(Extension.certificatePolicies);
            List<String> oids = policies == null ? List.of() : Arrays.stream(
                    CertificatePolicies.getInstance(policies.getParsedValue()).getPolicyInformation())
                    .map(PolicyInformation::getPolicyIdentifier).map(ASN1ObjectIdentifier::getId).toList();
            if (!oids.equals(profile.policyOids())) {
                problems.add("certificatePolicies must be exactly " + profile.policyOids());
            }
        }
        if (profile.kind().isEmployer() && profile.identityCodeOid() != null) {
            ASN1ObjectIdentifier oid = new ASN1ObjectIdentifier(profile.identityCodeOid());
            allowed.add(oid);
            Extension identity = extensions.getExtension(oid);
            String uscc = EmployerNames.uscc(tbs.getSubject());
            ASN1Primitive value = identity == null ? null : identity.getParsedValue().toASN1Primitive();
            if (!(value instanceof DERPrintableString code) || !code.getString().equals(uscc)) {
                problems.add("identity-code extension " + oid + " must carry the subject's USCC as PrintableString");
            }
        }
        for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
            if (!allowed.contains(oid)) {
                problems.add("extension " + oid + " is not allowed by the profile");
            }
        }
    }

    private static void requirePresence(Extensions extensions, ASN1ObjectIdentifier oid, boolean required,
            String name, Set<ASN1ObjectIdentifier> allowed, List<String> problems) {
        if (required) {
            allowed.add(oid);
            if (extensions.getExtension(oid) == null) {
                problems.add(name + " is required by the profile");
            }
        }
    }

    private static String text(RDN rdn) {
        ASN1Encodable value = rdn.getFirst().getValue();
        return value instanceof org.bouncycastle.asn1.ASN1String s ? s.getString() : "";
    }
}
