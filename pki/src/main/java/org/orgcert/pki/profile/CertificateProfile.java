package org.orgcert.pki.profile;

import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.orgcert.pki.algorithm.KeyAlgorithm;

/**
 * What a kind of certificate contains, as data. The issuer builds every certificate from a profile and the
 * linter checks the result against the same profile; the CSR never decides content.
 *
 * @param id                  the profile's name in configuration, e.g. {@code employer-signing}
 * @param kind                what the certificate is for
 * @param validity            how long a certificate lives (R-CERT-4: one year for employers)
 * @param maxCarryOver        how much longer than {@code validity} a renewal may run, so that an early
 *                            renewal loses no days (zero for anything that is not renewed)
 * @param keyUsage            the keyUsage bits, exactly (marked critical)
 * @param keyUsageByAlgorithm for key families that need other bits than {@code keyUsage}, their bits (e.g.
 *                            keyAgreement instead of keyEncipherment for ECDSA P-256 encryption keys,
 *                            RFC 5480 3); empty when every family uses {@code keyUsage}
 * @param extendedKeyUsage    extended key usage OIDs, exactly; empty for none
 * @param pathLength          for CA profiles, the basicConstraints path length, or -1 for none
 * @param keyAlgorithms       the subject key algorithms allowed
 * @param crlDistributionPoint whether to add the issuing CA's CRL distribution point
 * @param authorityInfoAccess whether to add AIA with the OCSP responder and caIssuers URLs
 * @param ocspNoCheck         whether to add id-pkix-ocsp-nocheck (RFC 6960 4.2.2.2.1)
 * @param policyOids          certificatePolicies OIDs; empty for none
 * @param identityCodeOid     for employer profiles, the OID of the GM/T 0015 identity-code extension that
 *                            carries the USCC ({@code docs/pki.md} says why the default); null for none
 * @param usccExtensionOid    for employer profiles, the OID of the GM/T 0015-2023 USCC extension, a second
 *                            copy of the USCC in the same encoding; null (the default) for none, because the
 *                            2023 edition's OID could not be confirmed ({@code docs/pki.md})
 * @param subject             the fixed part of an employer subject (C); null for other kinds
 * @param maxNameLength       the longest employer name, in characters, that the profile accepts
 */
public record CertificateProfile(
        String id,
        ProfileKind kind,
        Period validity,
        Period maxCarryOver,
        Set<KeyUsageBit> keyUsage,
        Map<KeyAlgorithm, Set<KeyUsageBit>> keyUsageByAlgorithm,
        List<String> extendedKeyUsage,
        int pathLength,
        Set<KeyAlgorithm> keyAlgorithms,
        boolean crlDistributionPoint,
        boolean authorityInfoAccess,
        boolean ocspNoCheck,
        List<String> policyOids,
        String identityCodeOid,
        String usccExtensionOid,
        SubjectTemplate subject,
        int maxNameLength) {

    public CertificateProfile {
        keyUsage = Set.copyOf(keyUsage);
        keyUsageByAlgorithm = keyUsageByAlgorithm.entrySet().stream().collect(
                java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
        extendedKeyUsage = List.copyOf(extendedKeyUsage);
        keyAlgorithms = Set.copyOf(keyAlgorithms);
        policyOids = List.copyOf(policyOids);
        if (id == null || id.isBlank() || kind == null || validity == null || maxCarryOver == null) {
            throw new IllegalArgumentException("a profile needs an id, a kind, a validity and a carry-over");
        }
        if (keyUsage.isEmpty() || keyAlgorithms.isEmpty()) {
            throw new IllegalArgumentException("profile " + id + " needs key usages and key algorithms");
        }
        if (usccExtensionOid != null && usccExtensionOid.equals(identityCodeOid)) {
            // One extension OID twice in a certificate is invalid (RFC 5280 4.2).
            throw new IllegalArgumentException("profile " + id + ": uscc-extension-oid must differ from"
                    + " identity-code-oid (" + identityCodeOid + ")");
        }
        if (kind.isEmployer() && subject == null) {
            throw new IllegalArgumentException("employer profile " + id + " needs a subject template");
        }
        for (KeyAlgorithm algorithm : keyAlgorithms) {
            Set<KeyUsageBit> bits = keyUsageByAlgorithm.getOrDefault(algorithm, keyUsage);
            Set<KeyUsageBit> wrong = KeyUsageBit.forbiddenFor(algorithm, bits);
            if (!wrong.isEmpty()) {
                throw new IllegalArgumentException("profile " + id + ": " + algorithm.label() + " keys must not have "
                        + wrong + " (" + KeyUsageBit.ruleFor(algorithm) + "); set key-usage." + algorithm.label());
            }
        }
    }

    /** The keyUsage bits of a certificate for a key of {@code algorithm}. */
    public Set<KeyUsageBit> keyUsage(KeyAlgorithm algorithm) {
        return keyUsageByAlgorithm.getOrDefault(algorithm, keyUsage);
    }

    /**
     * The fixed attribute of an employer subject, {@code C=CN}. ST and L are not fixed: they come from the
     * employer's USCC ({@link org.orgcert.pki.name.DivisionPlace}), so a certificate names no place nobody
     * checked.
     */
    public record SubjectTemplate(String country) {
    }
}
