package org.orgcert.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Time;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.crl.RevocationReason;
import org.orgcert.pki.issue.CertificateIssuer;
import org.orgcert.pki.issue.CertificateSubject;
import org.orgcert.pki.issue.IssueRequest;
import org.orgcert.pki.name.Uscc;
import org.orgcert.pki.profile.CertificateProfiles;
import org.orgcert.pki.testing.TestCas;

/** Review finding 8: one encoder per structure, one reason mapping, typed errors, and Asn1Time fuzzing. */
class QualityFindingsTest {
    private static final Random RANDOM = new Random(8_2026_11_24L);

    @Test
    void finding8_asn1TimeInstantOnRandomAndTruncatedContentsIsAnInstantOrMalformed() throws Exception {
        byte[] valid = Asn1Time.time(Instant.parse("2031-07-15T10:20:30Z")).getEncoded(ASN1Encoding.DER);
        byte[] generalized = Asn1Time.time(Instant.parse("2061-07-15T10:20:30Z")).getEncoded(ASN1Encoding.DER);
        String alphabet = "0123456789Z+-.Z0123456789 ";
        for (int i = 0; i < 20_000; i++) {
            byte[] der;
            switch (i % 3) {
                case 0 -> {
                    byte[] contents = new byte[RANDOM.nextInt(20)];
                    for (int k = 0; k < contents.length; k++) {
                        contents[k] = (byte) alphabet.charAt(RANDOM.nextInt(alphabet.length()));
                    }
                    der = withContents(RANDOM.nextBoolean() ? 0x17 : 0x18, contents);
                }
                case 1 -> {
                    byte[] source = RANDOM.nextBoolean() ? valid : generalized;
                    der = withContents(source[0], Arrays.copyOfRange(source, 2, 2 + RANDOM.nextInt(source.length - 2)));
                }
                default -> {
                    byte[] source = (RANDOM.nextBoolean() ? valid : generalized).clone();
                    source[2 + RANDOM.nextInt(source.length - 2)] = (byte) (0x20 + RANDOM.nextInt(0x5F));
                    der = source;
                }
            }
            Time time;
            try {
                time = Time.getInstance(ASN1Primitive.fromByteArray(der));
            } catch (Exception e) {
                continue; // Bouncy Castle refused the bytes before Asn1Time saw them
            }
            try {
                assertThat(Asn1Time.instant(time)).isNotNull();
            } catch (PkiException e) {
                assertThat(e.kind()).isEqualTo(PkiException.Kind.MALFORMED);
            }
        }
    }

    @Test
    void finding8_randomInstantsRoundTripThroughTheOneTimeEncoder() {
        for (int i = 0; i < 5_000; i++) {
            Instant instant = Instant.ofEpochSecond(Instant.parse("1950-01-01T00:00:00Z").getEpochSecond()
                    + (long) (RANDOM.nextDouble() * (Instant.parse("9999-12-31T23:59:59Z").getEpochSecond()
                    - Instant.parse("1950-01-01T00:00:00Z").getEpochSecond())), RANDOM.nextInt(1_000_000_000));
            Time time = Asn1Time.time(instant);
            assertThat(Asn1Time.instant(time)).isEqualTo(instant.truncatedTo(ChronoUnit.SECONDS));
            byte[] out = new byte[DerEncoding.MAX_TIME_SIZE];
            int end = DerEncoding.writeTime(out, 0, instant);
            assertThat(Arrays.copyOf(out, end)).isEqualTo(encoded(time.toASN1Primitive()));
        }
    }

    @Test
    void finding8_derHeadersAndBitStringsMatchBouncyCastle() {
        for (int length : new int[] {0, 1, 127, 128, 255, 256, 65535, 65536, 1 << 24}) {
            byte[] value = new byte[length];
            assertThat(Arrays.copyOf(DerEncoding.bitString(value), 8))
                    .isEqualTo(Arrays.copyOf(encoded(new DERBitString(value)), 8));
            byte[] header = DerEncoding.header(0x04, length);
            assertThat(header).isEqualTo(Arrays.copyOf(encoded(new DEROctetString(value)), header.length));
        }
    }

    @Test
    void finding8_typedErrorsFromPrepareAndProfiles() {
        assertThatThrownBy(() -> CertificateProfiles.builtIn().get("nope")).isInstanceOf(PkiException.class)
                .satisfies(e -> assertThat(((PkiException) e).kind()).isEqualTo(PkiException.Kind.LINT));
        assertThatThrownBy(() -> Asn1Time.time(Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOf(PkiException.class);
        CertificateIssuer issuer = new CertificateIssuer(TestCas.hierarchy(KeyAlgorithm.ECDSA_P256).issuing(),
                CertificateProfiles.builtIn(), Clock.systemUTC());
        var key = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(
                KeyAlgorithm.ECDSA_P256.generateKeyPair().getPublic().getEncoded());
        CertificateSubject employer = new CertificateSubject.Employer("昆明市测试科技有限公司", new Uscc("91110000600037341L"));
        assertThatThrownBy(() -> issuer.prepare(new IssueRequest(CertificateProfiles.EMPLOYER_SIGNING, employer, key,
                null, Instant.parse("+10000-01-01T00:00:00Z")))).isInstanceOf(PkiException.class)
                .satisfies(e -> assertThat(((PkiException) e).kind()).isEqualTo(PkiException.Kind.LINT));
        assertThatThrownBy(() -> issuer.prepare(IssueRequest.of("no-such-profile", employer, key)))
                .isInstanceOf(PkiException.class);
    }

    @Test
    void finding8_revocationReasonOwnsTheCodeMapping() {
        for (RevocationReason reason : RevocationReason.values()) {
            assertThat(reason.toCrlReason().getValue().intValue()).isEqualTo(reason.code());
            assertThat(RevocationReason.of(reason.toCrlReason())).isEqualTo(reason);
            assertThat(RevocationReason.fromCode(reason.code())).isEqualTo(reason);
        }
        assertThat(RevocationReason.fromCode(7)).isEqualTo(RevocationReason.UNSPECIFIED);
        assertThat(RevocationReason.fromCode(99)).isEqualTo(RevocationReason.UNSPECIFIED);
    }

    private static byte[] withContents(int tag, byte[] contents) {
        byte[] der = new byte[2 + contents.length];
        der[0] = (byte) tag;
        der[1] = (byte) contents.length;
        System.arraycopy(contents, 0, der, 2, contents.length);
        return der;
    }

    private static byte[] encoded(org.bouncycastle.asn1.ASN1Object value) {
        try {
            return value.getEncoded(ASN1Encoding.DER);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
