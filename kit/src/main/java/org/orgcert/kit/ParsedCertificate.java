package org.orgcert.kit;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * A certificate read once: its DER, SHA-256 fingerprint, structure, key and the parts the checks need.
 * Made only by {@link #parse}, which accepts DER of at most {@link #MAX_BYTES} and maps every Bouncy Castle
 * failure to a {@link KitException}.
 */
final class ParsedCertificate {
    /** Employer certificates are about 1 KiB; 16 KiB leaves room for any real one. */
    static final int MAX_BYTES = 16 * 1024;
    private static final int MAX_EXTENSION_BYTES = 4096;

    final byte[] der;
    final String fingerprint;
    final Certificate structure;
    final SignatureAlgorithm.Key key;
    final BigInteger serial;
    final Instant notBefore;
    final Instant notAfter;
    /** keyUsage present with digitalSignature: what signing in needs (R-USE-1). */
    final boolean canSign;

    private ParsedCertificate(byte[] der, String fingerprint, Certificate structure, SignatureAlgorithm.Key key,
            Instant notBefore, Instant notAfter) {
        this.der = der;
        this.fingerprint = fingerprint;
        this.structure = structure;
        this.key = key;
        this.serial = structure.getSerialNumber().getValue();
        this.notBefore = notBefore;
        this.notAfter = notAfter;
        this.canSign = signingUsage(structure.getTBSCertificate().getExtensions());
    }

    /**
     * Reads a certificate.
     *
     * @throws KitException MALFORMED, TOO_LARGE, UNSUPPORTED_KEY
     */
    static ParsedCertificate parse(byte[] der) {
        return parse(der, fingerprint(der));
    }

    /** As {@link #parse(byte[])}, when the caller has already hashed the bytes. */
    static ParsedCertificate parse(byte[] der, String fingerprint) {
        ASN1Primitive primitive = Der.parse(der, MAX_BYTES, "the certificate");
        try {
            Certificate structure = Certificate.getInstance(primitive);
            if (structure.getVersionNumber() != 3) {
                throw new KitException(KitException.Kind.MALFORMED, "the certificate is not X.509 version 3");
            }
            Instant from = structure.getStartDate().getDate().toInstant();
            Instant until = structure.getEndDate().getDate().toInstant();
            return new ParsedCertificate(der.clone(), fingerprint, structure,
                    SignatureAlgorithm.key(structure.getSubjectPublicKeyInfo()), from, until);
        } catch (KitException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KitException(KitException.Kind.MALFORMED, "the certificate's structure is not X.509", e);
        }
    }

    /** SHA-256 of the DER, lower-case hex: the {@code certificate:} line of a challenge. */
    static String fingerprint(byte[] der) {
        if (der == null) {
            throw new KitException(KitException.Kind.BAD_ARGUMENT, "the certificate is missing");
        }
        if (der.length > MAX_BYTES) {
            throw new KitException(KitException.Kind.TOO_LARGE,
                    "the certificate has " + der.length + " bytes; at most " + MAX_BYTES + " are accepted");
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    X500Name subject() {
        return structure.getSubject();
    }

    X500Name issuer() {
        return structure.getIssuer();
    }

    Extensions extensions() {
        return structure.getTBSCertificate().getExtensions();
    }

    private static boolean signingUsage(Extensions extensions) {
        if (extensions == null) {
            return false;
        }
        try {
            KeyUsage usage = KeyUsage.fromExtensions(extensions);
            return usage != null && usage.hasUsages(KeyUsage.digitalSignature);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The string value of extension {@code oid}; null when absent. */
    String extensionString(ASN1ObjectIdentifier oid) {
        Extension extension;
        try {
            Extensions extensions = extensions();
            extension = extensions == null ? null : extensions.getExtension(oid);
        } catch (RuntimeException e) {
            throw new KitException(KitException.Kind.MALFORMED, "the certificate's extensions cannot be read", e);
        }
        if (extension == null) {
            return null;
        }
        ASN1Encodable value = Der.parse(extension.getExtnValue().getOctets(), MAX_EXTENSION_BYTES, "extension " + oid);
        if (value instanceof ASN1String s) {
            return s.getString();
        }
        throw new KitException(KitException.Kind.NOT_A_STRING, "extension " + oid + " is not a string");
    }

    /** Read once: the status URLs are asked for at every validation. "" stands for none. */
    private volatile String crlUrl;
    private volatile String ocspUrl;

    /** The first http(s) URL of the CRL distribution points; null when there is none. */
    String crlUrl() {
        String url = crlUrl;
        if (url == null) {
            url = readCrlUrl();
            crlUrl = url == null ? "" : url;
        }
        return url == null || url.isEmpty() ? null : url;
    }

    /** The first http(s) URL of the OCSP responder in authorityInfoAccess; null when there is none. */
    String ocspUrl() {
        String url = ocspUrl;
        if (url == null) {
            url = readOcspUrl();
            ocspUrl = url == null ? "" : url;
        }
        return url == null || url.isEmpty() ? null : url;
    }

    private String readCrlUrl() {
        try {
            CRLDistPoint points = CRLDistPoint.fromExtensions(extensions());
            if (points == null) {
                return null;
            }
            for (DistributionPoint point : points.getDistributionPoints()) {
                DistributionPointName name = point.getDistributionPoint();
                if (name != null && name.getType() == DistributionPointName.FULL_NAME && point.getCRLIssuer() == null) {
                    String url = httpUrl(GeneralNames.getInstance(name.getName()));
                    if (url != null) {
                        return url;
                    }
                }
            }
            return null;
        } catch (RuntimeException e) {
            throw new KitException(KitException.Kind.MALFORMED, "the CRL distribution points cannot be read", e);
        }
    }

    private String readOcspUrl() {
        try {
            AuthorityInformationAccess access = AuthorityInformationAccess.fromExtensions(extensions());
            if (access == null) {
                return null;
            }
            for (AccessDescription description : access.getAccessDescriptions()) {
                if (description.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) {
                    String url = httpUrl(new GeneralNames(description.getAccessLocation()));
                    if (url != null) {
                        return url;
                    }
                }
            }
            return null;
        } catch (RuntimeException e) {
            throw new KitException(KitException.Kind.MALFORMED, "the authority information access cannot be read", e);
        }
    }

    private static String httpUrl(GeneralNames names) {
        for (GeneralName name : names.getNames()) {
            if (name.getTagNo() == GeneralName.uniformResourceIdentifier) {
                String url = ((ASN1String) name.getName()).getString();
                if (url.startsWith("http://") || url.startsWith("https://")) {
                    return url;
                }
            }
        }
        return null;
    }
}
