package org.orgcert.pki.csr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orgcert.pki.Pki;
import org.orgcert.pki.PkiException;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.algorithm.PrivateKeySigner;

/** PKCS#10 requests from USB keys: proof of possession and bad input (R-CERT-2). */
class CsrParserTest {
    static final X500Name SUBJECT = new X500Name("CN=test");

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void acceptsAProperlySignedRequest(KeyAlgorithm algorithm) throws Exception {
        PrivateKeySigner key = PrivateKeySigner.of(algorithm.generateKeyPair());
        VerifiedCsr csr = new CsrParser().parse(CsrBuilder.build(SUBJECT, key));
        assertThat(csr.algorithm()).isEqualTo(algorithm);
        assertThat(csr.subject()).isEqualTo(SUBJECT);
        assertThat(csr.publicKey().getEncoded()).isEqualTo(encoded(key));
    }

    @Test
    void refusesARequestSignedByAnotherKey() throws Exception {
        PrivateKeySigner key = PrivateKeySigner.of(KeyAlgorithm.ECDSA_P256.generateKeyPair());
        PrivateKeySigner other = PrivateKeySigner.of(KeyAlgorithm.ECDSA_P256.generateKeyPair());
        byte[] der = new JcaPKCS10CertificationRequestBuilder(SUBJECT, key.publicKey())
                .build(other.contentSigner()).getEncoded();
        PkiException e = catchThrowableOfType(PkiException.class, () -> new CsrParser().parse(der));
        assertThat(e.kind()).isEqualTo(PkiException.Kind.BAD_SIGNATURE);
        assertThat(e).hasMessageContaining("no proof of possession");
    }

    @Test
    void refusesAFlippedSignatureBit() {
        byte[] der = CsrBuilder.build(SUBJECT, PrivateKeySigner.of(KeyAlgorithm.SM2.generateKeyPair()));
        der[der.length - 5] ^= 0x01;
        assertThatThrownBy(() -> new CsrParser().parse(der)).isInstanceOf(PkiException.class);
    }

    @Test
    void refusesUnsupportedCurvesAndKeySizes() throws Exception {
        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC", Pki.provider());
        p384.initialize(new ECGenParameterSpec("secp384r1"));
        var pair = p384.generateKeyPair();
        byte[] der = new JcaPKCS10CertificationRequestBuilder(SUBJECT, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA384withECDSA").setProvider(Pki.provider()).build(pair.getPrivate()))
                .getEncoded();
        PkiException e = catchThrowableOfType(PkiException.class, () -> new CsrParser().parse(der));
        assertThat(e.kind()).isEqualTo(PkiException.Kind.UNSUPPORTED_KEY);
        assertThat(e).hasMessageContaining("unsupported EC curve");

        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA", Pki.provider());
        rsa.initialize(2048);
        var small = rsa.generateKeyPair();
        byte[] rsaDer = new JcaPKCS10CertificationRequestBuilder(SUBJECT, small.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(Pki.provider()).build(small.getPrivate()))
                .getEncoded();
        assertThatThrownBy(() -> new CsrParser().parse(rsaDer)).hasMessageContaining("3072-bit");
    }

    @Test
    void refusesOversizedInput() {
        PkiException e = catchThrowableOfType(PkiException.class, () -> new CsrParser().parse(new byte[64 * 1024 + 1]));
        assertThat(e.kind()).isEqualTo(PkiException.Kind.TOO_LARGE);
        assertThat(e).hasMessageContaining("at most 65536");
    }

    @Test
    void refusesTrailingBytes() {
        byte[] der = CsrBuilder.build(SUBJECT, PrivateKeySigner.of(KeyAlgorithm.ECDSA_P256.generateKeyPair()));
        byte[] longer = Arrays.copyOf(der, der.length + 1);
        assertThatThrownBy(() -> new CsrParser().parse(longer)).hasMessageContaining("after its end");
    }

    /** Every truncation and many random byte strings end in a PkiException, never anything else. */
    @Test
    void randomAndTruncatedBytesAreRejectedCleanly() {
        byte[] der = CsrBuilder.build(SUBJECT, PrivateKeySigner.of(KeyAlgorithm.ECDSA_P256.generateKeyPair()));
        CsrParser parser = new CsrParser();
        for (int length = 0; length < der.length; length++) {
            byte[] truncated = Arrays.copyOf(der, length);
            assertThatThrownBy(() -> parser.parse(truncated)).isInstanceOf(PkiException.class);
        }
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] noise = new byte[1 + random.nextInt(600)];
            random.nextBytes(noise);
            if (i % 2 == 0) {
                noise[0] = 0x30; // look like a SEQUENCE to get deeper into the parser
            }
            assertThatThrownBy(() -> parser.parse(noise)).isInstanceOf(PkiException.class);
        }
        for (int i = 0; i < 2000; i++) {
            byte[] mutated = der.clone();
            mutated[random.nextInt(mutated.length)] ^= (byte) (1 + random.nextInt(255));
            try {
                parser.parse(mutated);
            } catch (PkiException expected) {
                // a clean rejection
            }
        }
    }

    private static byte[] encoded(PrivateKeySigner key) {
        return key.publicKey().getEncoded();
    }
}
