package org.orgcert.pki.profile;

import org.bouncycastle.asn1.x509.KeyUsage;

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

    /** The BC KeyUsage value with every bit of {@code bits} set. */
    public static KeyUsage toKeyUsage(Iterable<KeyUsageBit> bits) {
        int mask = 0;
        for (KeyUsageBit bit : bits) {
            mask |= bit.mask;
        }
        return new KeyUsage(mask);
    }
}
