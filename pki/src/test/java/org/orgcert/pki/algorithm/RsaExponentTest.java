package org.orgcert.pki.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orgcert.pki.PkiException;
import org.orgcert.pki.csr.CsrParser;

/** Review finding 2: the RSA public exponent must be odd with 65537 ≤ e < 2^256. */
class RsaExponentTest {
    private static final BigInteger MODULUS =
            ((RSAPublicKey) KeyAlgorithm.RSA_3072.generateKeyPair().getPublic()).getModulus();

    static SubjectPublicKeyInfo spki(BigInteger exponent) throws Exception {
        return new SubjectPublicKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                new org.bouncycastle.asn1.pkcs.RSAPublicKey(MODULUS, exponent));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "3", "17", "65535", "65536", "65538"})
    void finding2_badExponentsAreRefusedInBothOverloads(String e) throws Exception {
        BigInteger exponent = new BigInteger(e);
        assertThatThrownBy(() -> KeyAlgorithm.of(spki(exponent))).isInstanceOf(PkiException.class)
                .satisfies(x -> assertThat(((PkiException) x).kind()).isEqualTo(PkiException.Kind.UNSUPPORTED_KEY))
                .hasMessageContaining("exponent");
        RSAPublicKey key = new RSAPublicKey() { // BC's KeyFactory refuses even exponents itself
            @Override public BigInteger getPublicExponent() { return exponent; }
            @Override public BigInteger getModulus() { return MODULUS; }
            @Override public String getAlgorithm() { return "RSA"; }
            @Override public String getFormat() { return "X.509"; }
            @Override public byte[] getEncoded() { return null; }
        };
        assertThatThrownBy(() -> KeyAlgorithm.of(key)).isInstanceOf(PkiException.class).hasMessageContaining("exponent");
    }

    @Test
    void finding2_exponentsFrom65537ToBelow2To256AreAccepted() throws Exception {
        for (BigInteger e : new BigInteger[] {BigInteger.valueOf(65537), BigInteger.valueOf(65539),
            BigInteger.TWO.pow(256).subtract(BigInteger.ONE)}) {
            assertThat(KeyAlgorithm.of(spki(e))).isEqualTo(KeyAlgorithm.RSA_3072);
        }
        assertThatThrownBy(() -> KeyAlgorithm.of(spki(BigInteger.TWO.pow(256).add(BigInteger.ONE))))
                .hasMessageContaining("exponent");
    }

    /** With e = 1 the "signature" is the padded digest itself: anyone could make this CSR for any modulus. */
    @Test
    void finding2_aCsrWithExponentOneFailsProofOfPossession() throws Exception {
        CertificationRequestInfo info = new CertificationRequestInfo(new X500Name("CN=e is one"),
                spki(BigInteger.ONE), new DERSet());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(info.getEncoded(ASN1Encoding.DER));
        byte[] digestInfo = org.bouncycastle.util.Arrays.concatenate(
                Hex.decode("3031300d060960864801650304020105000420"), digest);
        byte[] em = new byte[384];
        em[1] = 1;
        for (int i = 2; i < em.length - digestInfo.length - 1; i++) {
            em[i] = (byte) 0xFF;
        }
        System.arraycopy(digestInfo, 0, em, em.length - digestInfo.length, digestInfo.length);
        byte[] csr = new CertificationRequest(info, KeyAlgorithm.RSA_3072.signatureAlgorithm(), new DERBitString(em))
                .getEncoded(ASN1Encoding.DER);
        assertThatThrownBy(() -> new CsrParser().parse(csr)).isInstanceOf(PkiException.class)
                .satisfies(x -> assertThat(((PkiException) x).kind()).isEqualTo(PkiException.Kind.UNSUPPORTED_KEY));
    }
}
