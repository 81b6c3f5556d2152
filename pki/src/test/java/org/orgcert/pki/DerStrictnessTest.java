package org.orgcert.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.algorithm.PrivateKeySigner;
import org.orgcert.pki.csr.CsrBuilder;
import org.orgcert.pki.csr.CsrParser;

/** Review finding 6: Der.parse promises DER; BER (indefinite or non-minimal lengths) is MALFORMED. */
public class DerStrictnessTest {
    private static final byte[] CSR = CsrBuilder.build(new X500Name("CN=der"),
            PrivateKeySigner.of(KeyAlgorithm.ECDSA_P256.generateKeyPair()));

    /** The outer SEQUENCE with its (long-form) length re-encoded as the indefinite form, ended by 00 00. */
    public static byte[] indefinite(byte[] der) {
        int header = headerLength(der);
        byte[] ber = new byte[der.length - header + 2 + 2];
        ber[0] = der[0];
        ber[1] = (byte) 0x80;
        System.arraycopy(der, header, ber, 2, der.length - header);
        return ber; // the last two bytes stay 00 00: end-of-contents
    }

    /** The outer length in a longer form than needed (05 -> 81 05, 81 xx -> 82 00 xx, ...). */
    public static byte[] nonMinimal(byte[] der) {
        boolean shortForm = (der[1] & 0x80) == 0;
        int octets = shortForm ? 0 : der[1] & 0x7F;
        byte[] ber = new byte[der.length + 1];
        ber[0] = der[0];
        ber[1] = (byte) (0x80 | (octets + 1));
        ber[2] = shortForm ? der[1] : 0;
        System.arraycopy(der, shortForm ? 2 : 2, ber, 3, der.length - 2);
        return ber;
    }

    private static int headerLength(byte[] der) {
        return (der[1] & 0x80) == 0 ? 2 : 2 + (der[1] & 0x7F);
    }

    @Test
    void finding6_berIsRefusedAsMalformed() {
        assertThat(Der.parse(CSR, Der.DEFAULT_LIMIT, "request", CertificationRequest::getInstance)).isNotNull();
        for (byte[] ber : new byte[][] {indefinite(CSR), nonMinimal(CSR)}) {
            // Bouncy Castle itself reads both.
            assertThat(ASN1Sequence.getInstance(ber)).isNotNull();
            assertThatThrownBy(() -> Der.parse(ber, Der.DEFAULT_LIMIT, "request", CertificationRequest::getInstance))
                    .isInstanceOf(PkiException.class)
                    .satisfies(e -> assertThat(((PkiException) e).kind()).isEqualTo(PkiException.Kind.MALFORMED));
            assertThatThrownBy(() -> new CsrParser().parse(ber)).isInstanceOf(PkiException.class);
        }
        // A short length written in the long form: 30 81 05 ... instead of 30 05 ...
        byte[] shortLong = {0x30, (byte) 0x81, 0x03, 0x02, 0x01, 0x05};
        assertThatThrownBy(() -> Der.parse(shortLong, 100, "sequence", ASN1Sequence::getInstance))
                .isInstanceOf(PkiException.class).hasMessageContaining("not DER");
    }
}
