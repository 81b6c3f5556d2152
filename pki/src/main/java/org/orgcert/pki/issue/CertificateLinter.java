package org.orgcert.pki.issue;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
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
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.orgcert.pki.Asn1Time;
import org.orgcert.pki.PkiException;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.ca.CaEndpoints;
import org.orgcert.pki.name.DivisionPlace;
import org.orgcert.pki.name.Uscc;
import org.orgcert.pki.profile.CertificateProfile;
import org.orgcert.pki.profile.KeyUsageBit;
import org.orgcert.pki.profile.ProfileKind;

/**
 * Checks a to-be-signed certificate against its profile before anything is signed. It reads the encoded
 * TBSCertificate, not the builder's inputs, so a bug in building is caught here rather than in the field.
 *
 * <p>Checks: version and serial; signature algorithm and issuer; validity within the profile, within the
 * issuer's life and not starting in the future; subject form, string types, no control characters and the
 * USCC exactly as encoded; key algorithm allowed; every extension with exactly the value and criticality
 * the profile gives (keyUsage and basicConstraints critical, everything else non-critical, RFC 5280
 * 4.2.1.1-4.2.1.3, 4.2.1.9), keyUsage within what the key family may do, basicConstraints' pathLen, SKI the
 * SHA-1 of the key (method 1), AKI the issuer's key identifier, CRL DP and AIA the CA's URLs; the identity
 * code and the 2023 USCC extension (as far as the profile names them) the subject's USCC; and no extension
 * the profile does not name.
 *
 * <p>How it stays cheap enough to run twice per certificate ({@code prepare} and {@code sign}): every
 * extension is compared as bytes with the encoding the linter expects. The expected encodings of the
 * extensions that do not depend on the subject are built once per profile and key family by the linter's
 * own code from the profile data (not by the issuer's builder), and kept.
 */
public final class CertificateLinter {
    /** The shortest serial accepted: 64 bits of entropy need a serial of at least 64 bits. */
    private static final int MIN_SERIAL_BITS = 64;
    /** How far in the future a certificate may start: clock differences between hosts. */
    public static final Duration MAX_FUTURE_START = Duration.ofMinutes(5);
    /**
     * What the linter needs to know of the issuer.
     *
     * @param name      the issuer's subject (equal to the subject for a self-signed root)
     * @param keyId     the issuer's key identifier, or null for a self-signed root
     * @param notBefore the start of the issuer's validity, or null for a root being created
     * @param notAfter  the end of the issuer's validity, or null for a root being created
     * @param algorithm the issuer's signature algorithm
     * @param endpoints the issuer's status URLs, or null for a CA that publishes none (a root)
     */
    public record Issuer(X500Name name, byte[] keyId, Instant notBefore, Instant notAfter, KeyAlgorithm algorithm,
            CaEndpoints endpoints) {
    }

    private final Issuer issuer;
    private final ASN1Primitive issuerName;
    private final ASN1Primitive signatureAlgorithm;
    private final Map<String, Expected> expected = new ConcurrentHashMap<>();

    /** A linter for certificates of {@code issuer}; it keeps expected encodings per profile. Thread-safe. */
    public CertificateLinter(Issuer issuer) {
        this.issuer = issuer;
        // Compared structurally (ASN1Primitive.equals: type and contents, no encoding); for DER input that is
        // byte equality, at no cost of re-encoding.
        this.issuerName = issuer.name().toASN1Primitive();
        this.signatureAlgorithm = issuer.algorithm().signatureAlgorithm().toASN1Primitive();
    }

    /** The problems found, empty when the certificate fits its profile. */
    public static List<String> findings(TBSCertificate tbs, CertificateProfile profile, Issuer issuer, Instant now) {
        return new CertificateLinter(issuer).findings(tbs, profile, now);
    }

    /** Throws a LINT {@link PkiException} listing every finding, if there is any. */
    public static void check(TBSCertificate tbs, CertificateProfile profile, Issuer issuer, Instant now) {
        new CertificateLinter(issuer).check(tbs, profile, now);
    }

    /** Throws a LINT {@link PkiException} listing every finding, if there is any. */
    public void check(TBSCertificate tbs, CertificateProfile profile, Instant now) {
        List<String> problems = findings(tbs, profile, now);
        if (!problems.isEmpty()) {
            throw new PkiException(PkiException.Kind.LINT,
                    "certificate refused by profile " + profile.id() + ": " + String.join("; ", problems));
        }
    }

    /** The problems found, empty when the certificate fits its profile. */
    public List<String> findings(TBSCertificate tbs, CertificateProfile profile, Instant now) {
        List<String> problems = new ArrayList<>();
        if (tbs.getVersionNumber() != 3) {
            problems.add("version must be v3");
        }
        BigInteger serial = tbs.getSerialNumber().getValue();
        if (serial.signum() <= 0) {
            problems.add("serial number must be positive");
        } else if (serial.bitLength() < MIN_SERIAL_BITS || serial.bitLength() > 159) {
            problems.add("serial number must have 64 to 159 bits; it has " + serial.bitLength());
        }
        if (!signatureAlgorithm.equals(tbs.getSignature().toASN1Primitive())) {
            problems.add("signature algorithm " + tbs.getSignature().getAlgorithm() + " is not the issuer's "
                    + issuer.algorithm().signatureName());
        }
        ASN1Primitive issuerPrimitive = tbs.getIssuer().toASN1Primitive();
        if (!issuerName.equals(issuerPrimitive)) {
            problems.add("issuer name is not the CA's subject");
        }
        if (profile.kind() == ProfileKind.ROOT_CA && !issuerPrimitive.equals(tbs.getSubject().toASN1Primitive())) {
            problems.add("a root certificate's subject must be its issuer");
        }
        checkValidity(tbs, profile, now, problems);
        checkSubject(tbs, profile, problems);
        KeyAlgorithm key = checkKey(tbs, profile, problems);
        checkExtensions(tbs, profile, key, problems);
        return problems;
    }

    private void checkValidity(TBSCertificate tbs, CertificateProfile profile, Instant now, List<String> problems) {
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
        if (issuer.notBefore() != null && from.isBefore(issuer.notBefore())) {
            problems.add("validity starts before the issuing CA's certificate (" + issuer.notBefore() + ")");
        }
        if (issuer.notAfter() != null && until.isAfter(issuer.notAfter())) {
            problems.add("validity ends after the issuing CA's certificate (" + issuer.notAfter() + ")");
        }
        if (from.isAfter(now.plus(MAX_FUTURE_START))) {
            problems.add("validity starts " + from + ", more than " + MAX_FUTURE_START.toMinutes()
                    + " minutes after now (" + now + ")");
        }
    }

    private static void checkSubject(TBSCertificate tbs, CertificateProfile profile, List<String> problems) {
        X500Name subject = tbs.getSubject();
        RDN[] rdns = subject.getRDNs();
        if (rdns.length == 0) {
            problems.add("subject is empty");
            return;
        }
        for (RDN rdn : rdns) {
            if (rdn.isMultiValued()) {
                problems.add("subject has a multi-valued RDN");
            }
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                ASN1ObjectIdentifier type = attribute.getType();
                boolean printable = type.equals(BCStyle.C) || type.equals(BCStyle.SERIALNUMBER);
                ASN1Encodable value = attribute.getValue();
                if (printable ? !(value instanceof DERPrintableString) : !(value instanceof DERUTF8String)) {
                    problems.add("subject attribute " + BCStyle.INSTANCE.oidToDisplayName(type)
                            + " must be " + (printable ? "PrintableString" : "UTF8String"));
                }
                if ((type.equals(BCStyle.O) || type.equals(BCStyle.CN)) && value instanceof DERUTF8String s
                        && s.getString().codePoints().anyMatch(Character::isISOControl)) {
                    problems.add("subject attribute " + BCStyle.INSTANCE.oidToDisplayName(type)
                            + " contains control characters");
                }
            }
        }
        if (!profile.kind().isEmployer()) {
            return;
        }
        // ST and L are there exactly as far as the USCC in serialNumber proves them (DivisionPlace).
        DivisionPlace place = DivisionPlace.UNKNOWN;
        RDN last = rdns[rdns.length - 1];
        if (last.getFirst().getType().equals(BCStyle.SERIALNUMBER) && Uscc.isValid(text(last))) {
            place = DivisionPlace.of(Uscc.parse(text(last)));
        }
        List<ASN1ObjectIdentifier> order = new ArrayList<>(List.of(BCStyle.C));
        List<String> values = new ArrayList<>(List.of(profile.subject().country()));
        if (place.province() != null) {
            order.add(BCStyle.ST);
            values.add(place.province());
        }
        if (place.prefecture() != null) {
            order.add(BCStyle.L);
            values.add(place.prefecture());
        }
        order.addAll(List.of(BCStyle.O, BCStyle.CN, BCStyle.SERIALNUMBER));
        boolean ordered = rdns.length == order.size();
        for (int i = 0; ordered && i < rdns.length; i++) {
            ordered = rdns[i].getFirst().getType().equals(order.get(i));
        }
        if (!ordered) {
            problems.add("employer subject must be " + String.join(", ", order.stream()
                    .map(BCStyle.INSTANCE::oidToDisplayName).toList()) + " in that order (ST and L as the USCC's"
                    + " division code " + (place.province() == null ? "leaves them out" : "gives them") + ")");
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            if (!values.get(i).equals(text(rdns[i]))) {
                problems.add("employer subject must have " + BCStyle.INSTANCE.oidToDisplayName(order.get(i)) + "="
                        + values.get(i));
            }
        }
        int o = values.size();
        String organisation = text(rdns[o]);
        if (!organisation.equals(text(rdns[o + 1]))) {
            problems.add("employer subject's O and CN must both be the organisation name");
        }
        int length = organisation.codePointCount(0, organisation.length());
        if (organisation.isBlank() || length > profile.maxNameLength() || !organisation.strip().equals(organisation)) {
            problems.add("organisation name must have 1 to " + profile.maxNameLength()
                    + " characters and no surrounding white space");
        }
        try {
            new Uscc(text(rdns[o + 2])); // exactly as encoded: no lower case, no padding
        } catch (PkiException e) {
            problems.add("subject serialNumber must be a valid USCC exactly as encoded: " + e.getMessage());
        }
    }

    private static KeyAlgorithm checkKey(TBSCertificate tbs, CertificateProfile profile, List<String> problems) {
        try {
            KeyAlgorithm key = KeyAlgorithm.of(tbs.getSubjectPublicKeyInfo());
            if (!profile.keyAlgorithms().contains(key)) {
                problems.add("profile " + profile.id() + " does not allow " + key.label() + " keys");
            }
            return key;
        } catch (PkiException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private void checkExtensions(TBSCertificate tbs, CertificateProfile profile, KeyAlgorithm key,
            List<String> problems) {
        Extensions extensions = tbs.getExtensions();
        if (extensions == null) {
            problems.add("certificate has no extensions");
            return;
        }
        Expected expect = expected(profile, key);
        for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
            Rule rule = expect.rules.get(oid);
            Extension extension = extensions.getExtension(oid);
            if (rule == null && !(expect.usccExtensions.contains(oid) || oid.equals(Extension.subjectKeyIdentifier))) {
                problems.add("extension " + oid + " is not allowed by the profile");
            } else if (extension.isCritical() != (rule != null && rule.critical)) {
                problems.add(name(oid) + (extension.isCritical() ? " must not" : " must") + " be critical");
            }
        }
        for (Map.Entry<ASN1ObjectIdentifier, Rule> entry : expect.rules.entrySet()) {
            Extension extension = extensions.getExtension(entry.getKey());
            if (extension == null || !Arrays.equals(extension.getExtnValue().getOctets(), entry.getValue().value)) {
                problems.add(entry.getValue().message);
            }
        }
        if (key != null) {
            checkKeyUsageFamily(extensions, key, problems);
        }
        Extension ski = extensions.getExtension(Extension.subjectKeyIdentifier);
        if (ski == null || !Arrays.equals(ski.getExtnValue().getOctets(), keyIdentifier(tbs))) {
            problems.add("subjectKeyIdentifier must be the SHA-1 of the subject key (RFC 5280 4.2.1.2 method 1)");
        }
        if (!expect.usccExtensions.isEmpty()) {
            String uscc = EmployerNames.uscc(tbs.getSubject());
            byte[] value = uscc == null ? null : der(new DERPrintableString(uscc));
            for (ASN1ObjectIdentifier oid : expect.usccExtensions) {
                Extension extension = extensions.getExtension(oid);
                if (extension == null || value == null || !Arrays.equals(extension.getExtnValue().getOctets(), value)) {
                    problems.add((oid.equals(expect.identityCode) ? "identity-code extension " : "USCC extension ")
                            + oid + " must carry the subject's USCC as PrintableString");
                }
            }
        }
    }

    /** The key family's rule (RFC 5480 3 for EC, GM/T 0015 for SM2), checked on the encoded bits. */
    private static void checkKeyUsageFamily(Extensions extensions, KeyAlgorithm key, List<String> problems) {
        Extension extension = extensions.getExtension(Extension.keyUsage);
        if (extension == null) {
            return;
        }
        try {
            KeyUsage usage = KeyUsage.getInstance(extension.getParsedValue());
            java.util.Set<KeyUsageBit> present = java.util.EnumSet.noneOf(KeyUsageBit.class);
            for (KeyUsageBit bit : KeyUsageBit.values()) {
                if (usage.hasUsages(bit.mask())) {
                    present.add(bit);
                }
            }
            var forbidden = KeyUsageBit.forbiddenFor(key, present);
            if (!forbidden.isEmpty()) {
                problems.add(key.label() + " keys must not have " + forbidden + " (" + KeyUsageBit.ruleFor(key) + ")");
            }
        } catch (RuntimeException e) {
            problems.add("keyUsage is not readable");
        }
    }

    /** The extension rules of a profile for a key family, built once and kept (profiles are immutable). */
    private Expected expected(CertificateProfile profile, KeyAlgorithm key) {
        String id = profile.id() + "/" + (key == null ? "-" : key.name());
        Expected cached = expected.get(id);
        if (cached != null && cached.profile == profile) {
            return cached;
        }
        Expected built = new Expected(profile, key, issuer);
        expected.put(id, built);
        return built;
    }

    /** What one profile expects of a certificate for one key family. */
    private static final class Expected {
        final CertificateProfile profile;
        final Map<ASN1ObjectIdentifier, Rule> rules = new java.util.LinkedHashMap<>();
        final ASN1ObjectIdentifier identityCode;
        /** The identity code and the 2023 USCC extension, as far as the profile names them: both carry the USCC. */
        final List<ASN1ObjectIdentifier> usccExtensions = new ArrayList<>(2);

        Expected(CertificateProfile profile, KeyAlgorithm key, Issuer issuer) {
            this.profile = profile;
            java.util.Set<KeyUsageBit> bits = key == null ? profile.keyUsage() : profile.keyUsage(key);
            rules.put(Extension.keyUsage, new Rule(true, der(KeyUsageBit.toKeyUsage(bits)),
                    "keyUsage must be present, critical and exactly " + bits));
            if (profile.kind().isCa()) {
                BasicConstraints constraints = profile.pathLength() >= 0
                        ? new BasicConstraints(profile.pathLength()) : new BasicConstraints(true);
                rules.put(Extension.basicConstraints, new Rule(true, der(constraints),
                        "a CA certificate needs critical basicConstraints with cA true and "
                                + (profile.pathLength() >= 0 ? "pathLen " + profile.pathLength() : "no pathLen")));
            }
            if (issuer.keyId() != null) {
                rules.put(Extension.authorityKeyIdentifier, new Rule(false,
                        der(new AuthorityKeyIdentifier(issuer.keyId())),
                        "authorityKeyIdentifier must be the issuer's key identifier, non-critical"));
            }
            if (!profile.extendedKeyUsage().isEmpty()) {
                KeyPurposeId[] purposes = profile.extendedKeyUsage().stream()
                        .map(oid -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid))).toArray(KeyPurposeId[]::new);
                rules.put(Extension.extendedKeyUsage, new Rule(false, der(new ExtendedKeyUsage(purposes)),
                        "extendedKeyUsage must be exactly " + profile.extendedKeyUsage()));
            }
            if (profile.crlDistributionPoint()) {
                rules.put(Extension.cRLDistributionPoints, new Rule(false,
                        issuer.endpoints() == null ? null : issuer.endpoints().crlDistributionPoints(),
                        "cRLDistributionPoints must be the CA's CRL URL "
                                + (issuer.endpoints() == null ? "(the CA has none)" : issuer.endpoints().crlUrl())));
            }
            if (profile.authorityInfoAccess()) {
                rules.put(Extension.authorityInfoAccess, new Rule(false,
                        issuer.endpoints() == null ? null : issuer.endpoints().authorityInfoAccess(),
                        "authorityInfoAccess must be the CA's OCSP and caIssuers URLs"
                                + (issuer.endpoints() == null ? " (the CA has none)" : "")));
            }
            if (!profile.policyOids().isEmpty()) {
                PolicyInformation[] policies = profile.policyOids().stream()
                        .map(oid -> new PolicyInformation(new ASN1ObjectIdentifier(oid))).toArray(PolicyInformation[]::new);
                rules.put(Extension.certificatePolicies, new Rule(false, der(new CertificatePolicies(policies)),
                        "certificatePolicies must be exactly " + profile.policyOids()));
            }
            if (profile.ocspNoCheck()) {
                rules.put(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, new Rule(false, der(DERNull.INSTANCE),
                        "ocsp-nocheck is required by the profile"));
            }
            identityCode = profile.kind().isEmployer() && profile.identityCodeOid() != null
                    ? new ASN1ObjectIdentifier(profile.identityCodeOid()) : null;
            if (identityCode != null) {
                usccExtensions.add(identityCode);
            }
            if (profile.kind().isEmployer() && profile.usccExtensionOid() != null) {
                usccExtensions.add(new ASN1ObjectIdentifier(profile.usccExtensionOid()));
            }
        }
    }

    /** An extension the profile requires: its criticality, its exact value, and what to say otherwise. */
    private record Rule(boolean critical, byte[] value, String message) {
    }

    /** SKI method 1: the SHA-1 of the subjectPublicKey BIT STRING's contents, as an OCTET STRING. */
    private static byte[] keyIdentifier(TBSCertificate tbs) {
        return keyIdentifier(tbs.getSubjectPublicKeyInfo());
    }

    /**
     * The DER OCTET STRING of a key's identifier by RFC 5280 4.2.1.2 method 1. A new digest per call: the
     * issuer and the linter run on many threads at once (a shared BC digest once mixed two keys' hashes).
     */
    static byte[] keyIdentifier(org.bouncycastle.asn1.x509.SubjectPublicKeyInfo info) {
        byte[] key = info.getPublicKeyData().getBytes();
        SHA1Digest sha1 = new SHA1Digest();
        sha1.update(key, 0, key.length);
        byte[] identifier = new byte[2 + sha1.getDigestSize()];
        identifier[0] = 0x04;
        identifier[1] = (byte) sha1.getDigestSize();
        sha1.doFinal(identifier, 2);
        return identifier;
    }

    private static String name(ASN1ObjectIdentifier oid) {
        if (oid.equals(Extension.keyUsage)) {
            return "keyUsage";
        } else if (oid.equals(Extension.basicConstraints)) {
            return "basicConstraints";
        } else if (oid.equals(Extension.subjectKeyIdentifier)) {
            return "subjectKeyIdentifier";
        } else if (oid.equals(Extension.authorityKeyIdentifier)) {
            return "authorityKeyIdentifier";
        }
        return "extension " + oid;
    }

    private static byte[] der(ASN1Object value) {
        try {
            return value.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(RDN rdn) {
        ASN1Encodable value = rdn.getFirst().getValue();
        return value instanceof org.bouncycastle.asn1.ASN1String s ? s.getString() : "";
    }
}
