package org.orgcert.pki.profile;

import java.util.EnumSet;
import java.util.Set;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.orgcert.pki.algorithm.KeyAlgorithm;

/** The bits of the X.509 keyUsage extension (RFC 5280 4.2.1.3), by the names used in profiles. */
public enum KeyUsageBit {
    DIGITAL_SIGNATURE(KeyUsage.digitalSignature),
    NON_REPUDIATION(KeyUsage.nonRepudiation),
    KEY_ENCIPHERMENT(KeyUsage.keyEncipherment),
    DATA_ENCIPHERMENT(KeyUsage.dataEncipherment),
    KEY_AGREEMENT(KeyUsage.keyAgreement),
    KEY_CERT_SIGN(KeyUsage.keyCertSign),
    CRL_SIGN(KeyUsage.cRLSign);

    private final int mask;

    KeyUsageBit(int mask) {
        this.mask = mask;
    }

    /** The bit as Bouncy Castle's {@link KeyUsage} constant. */
    public int mask() {
        return mask;
    }

    /**
     * The bits of {@code bits} that a key of {@code algorithm} must not carry, per key family:
     * <ul>
     *   <li>ECDSA P-256 ({@code id-ecPublicKey}): no keyEncipherment or dataEncipherment (RFC 5480 3); an
     *       EC encryption certificate uses keyAgreement;</li>
     *   <li>SM2: keyEncipherment, dataEncipherment and keyAgreement are allowed: SM2 encrypts directly
     *       (GM/T 0003.4) and Chinese dual-certificate practice (GM/T 0015) marks encryption certificates so,
     *       although the key is also an {@code id-ecPublicKey};</li>
     *   <li>RSA: no keyAgreement (RFC 3279 2.3.1 lists none for RSA).</li>
     * </ul>
     */
    public static Set<KeyUsageBit> forbiddenFor(KeyAlgorithm algorithm, Set<KeyUsageBit> bits) {
        Set<KeyUsageBit> forbidden = switch (algorithm) {
            case ECDSA_P256 -> EnumSet.of(KEY_ENCIPHERMENT, DATA_ENCIPHERMENT);
            case SM2 -> EnumSet.noneOf(KeyUsageBit.class);
            case RSA_3072 -> EnumSet.of(KEY_AGREEMENT);
        };
        forbidden.retainAll(bits);
        return forbidden;
    }

    /** The reference for {@link #forbiddenFor}'s rule for {@code algorithm}, for messages. */
    public static String ruleFor(KeyAlgorithm algorithm) {
        return switch (algorithm) {
            case ECDSA_P256 -> "RFC 5480 3: EC keys do not encipher; use KEY_AGREEMENT";
            case SM2 -> "GM/T 0015";
            case RSA_3072 -> "RFC 3279 2.3.1: RSA keys do not agree keys";
        };
    }

    /** The BC KeyUsage value with every bit of {@code bits} set. */
    public static KeyUsage toKeyUsage(Iterable<KeyUsageBit> bits) {
        int mask = 0;
        for (KeyUsageBit bit : bits) {
            mask |= bit.mask;
        }
        return new KeyUsage(mask);
    }
}
