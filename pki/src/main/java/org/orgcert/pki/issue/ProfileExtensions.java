package org.orgcert.pki.issue;

import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.ca.CaEndpoints;
import org.orgcert.pki.profile.CertificateProfile;
import org.orgcert.pki.profile.KeyUsageBit;

/**
 * Turns a profile into X.509 extensions. The extensions that are the same for every certificate of a
 * profile and CA are built once ({@link #constant}); only the key identifier and the USCC extensions
 * change per certificate ({@link #perCertificate}).
 */
final class ProfileExtensions {

    private ProfileExtensions() {
    }

    /**
     * The extensions that do not depend on the subject.
     *
     * @param authorityKeyId the issuer's key identifier, or null for a self-signed root
     * @param endpoints      the issuer's status URLs, or null when the profile uses none
     */
    static List<Extension> constant(CertificateProfile profile, KeyAlgorithm key, byte[] authorityKeyId,
            CaEndpoints endpoints) {
        List<Extension> extensions = new ArrayList<>();
        try {
            if (profile.kind().isCa()) {
                BasicConstraints constraints = profile.pathLength() >= 0
                        ? new BasicConstraints(profile.pathLength()) : new BasicConstraints(true);
                extensions.add(new Extension(Extension.basicConstraints, true, constraints.getEncoded()));
            }
            extensions.add(new Extension(Extension.keyUsage, true,
                    KeyUsageBit.toKeyUsage(profile.keyUsage(key)).getEncoded()));
            if (!profile.extendedKeyUsage().isEmpty()) {
                KeyPurposeId[] purposes = profile.extendedKeyUsage().stream()
                        .map(oid -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid)))
                        .toArray(KeyPurposeId[]::new);
                extensions.add(new Extension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(purposes).getEncoded()));
            }
            if (authorityKeyId != null) {
                extensions.add(new Extension(Extension.authorityKeyIdentifier, false,
                        new AuthorityKeyIdentifier(authorityKeyId).getEncoded()));
            }
            if (profile.crlDistributionPoint()) {
                extensions.add(new Extension(Extension.cRLDistributionPoints, false,
                        endpoints(endpoints).crlDistributionPoints()));
            }
            if (profile.authorityInfoAccess()) {
                extensions.add(new Extension(Extension.authorityInfoAccess, false,
                        endpoints(endpoints).authorityInfoAccess()));
            }
            if (!profile.policyOids().isEmpty()) {
                PolicyInformation[] policies = profile.policyOids().stream()
                        .map(oid -> new PolicyInformation(new ASN1ObjectIdentifier(oid)))
                        .toArray(PolicyInformation[]::new);
                extensions.add(new Extension(Extension.certificatePolicies, false,
                        new CertificatePolicies(policies).getEncoded()));
            }
            if (profile.ocspNoCheck()) {
                extensions.add(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false,
                        DERNull.INSTANCE.getEncoded()));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot encode the extensions of profile " + profile.id(), e);
        }
        return List.copyOf(extensions);
    }

    /**
     * The subject key identifier (RFC 5280 4.2.1.2 method 1) and, for employers, the USCC under the
     * identity-code OID (GM/T 0015-2012) and, when the profile names one, under the 2023 edition's USCC OID.
     */
    static List<Extension> perCertificate(CertificateProfile profile, SubjectPublicKeyInfo key, String uscc) {
        try {
            List<Extension> extensions = new ArrayList<>(3);
            extensions.add(new Extension(Extension.subjectKeyIdentifier, false, CertificateLinter.keyIdentifier(key)));
            if (uscc != null) {
                byte[] value = new DERPrintableString(uscc).getEncoded();
                for (String oid : new String[] {profile.identityCodeOid(), profile.usccExtensionOid()}) {
                    if (oid != null) {
                        extensions.add(new Extension(new ASN1ObjectIdentifier(oid), false, value));
                    }
                }
            }
            return extensions;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot encode a key identifier or the USCC", e);
        }
    }

    private static CaEndpoints endpoints(CaEndpoints endpoints) {
        if (endpoints == null) {
            throw new IllegalStateException("the CA has no status URLs configured for a profile that needs them");
        }
        return endpoints;
    }
}
