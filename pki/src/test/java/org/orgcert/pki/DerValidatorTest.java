package org.orgcert.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.algorithm.PrivateKeySigner;
import org.orgcert.pki.csr.CsrBuilder;
import org.orgcert.pki.issue.CertificateIssuer;
import org.orgcert.pki.issue.CertificateSubject;
import org.orgcert.pki.issue.IssueRequest;
import org.orgcert.pki.name.Uscc;
import org.orgcert.pki.profile.CertificateProfiles;
import org.orgcert.pki.testing.TestCas;

/**
 * Review finding 6 (and the cost of finding 1): {@link DerValidator} must agree with "parse, re-encode as
 * DER, compare" on everything Bouncy Castle parses, for seeded random, truncated, bit-flipped and BER input.
 */
class DerValidatorTest {
    @Test
    void finding6_theValidatorAgreesWithReEncodingOnMutatedInput() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(CsrBuilder.build(new X500Name("C=CN,O=测试,CN=der"), PrivateKeySigner.of(KeyAlgorithm.SM2.generateKeyPair())));
        seeds.add(new CertificateIssuer(TestCas.hierarchy(KeyAlgorithm.ECDSA_P256).issuing(), CertificateProfiles.builtIn(),
                Clock.systemUTC()).prepare(IssueRequest.of(CertificateProfiles.EMPLOYER_SIGNING,
                new CertificateSubject.Employer("昆明市测试科技有限公司", new Uscc("91110000600037341L")),
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(
                        KeyAlgorithm.ECDSA_P256.generateKeyPair().getPublic().getEncoded()))).tbs());
        seeds.add(TestCas.hierarchy(KeyAlgorithm.RSA_3072).ocspSigner().certificate().getEncoded());
        seeds.add(Hex.decode("3106020101020102"));     // SET OF INTEGER, sorted
        seeds.add(Hex.decode("3106020102020101"));     // unsorted: not DER
        seeds.add(Hex.decode("0101ff"));
        seeds.add(Hex.decode("010101"));               // BOOLEAN TRUE as 01: not DER
        seeds.add(Hex.decode("030206c0"));             // BIT STRING, 6 unused bits, zero padding
        seeds.add(Hex.decode("030206c1"));             // non-zero padding: not DER
        seeds.add(Hex.decode("2406040161040162"));     // constructed OCTET STRING: BER
        seeds.add(Hex.decode("30800201050000"));       // indefinite length: BER
        Random random = new Random(6_2026_11_24L);
        int agreed = 0;
        for (int i = 0; i < 30_000; i++) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            byte[] input = switch (random.nextInt(5)) {
                case 0 -> seed;
                case 1 -> Arrays.copyOf(seed, random.nextInt(seed.length + 1));
                case 2 -> {
                    byte[] b = new byte[random.nextInt(40)];
                    random.nextBytes(b);
                    yield b;
                }
                default -> {
                    byte[] b = seed.clone();
                    for (int flips = 1 + random.nextInt(2); flips > 0; flips--) {
                        b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                    yield b;
                }
            };
            Boolean reEncodes = reEncodes(input);
            if (reEncodes == null) {
                continue; // Bouncy Castle cannot parse it: Der.parse refuses it either way
            }
            assertThat(DerValidator.problem(input) == null).as(Hex.toHexString(input)).isEqualTo(reEncodes);
            agreed++;
        }
        assertThat(agreed).isGreaterThan(5_000);
        for (String ber : new String[] {"3106020102020101", "010101", "030206c1", "2406040161040162", "30800201050000",
            "3081030201050", "3003020105ff"}) {
            assertThat(DerValidator.problem(Hex.decode(ber.length() % 2 == 0 ? ber : ber + "0"))).as(ber).isNotNull();
        }
    }

    /** True when BC parses one object and it re-encodes to exactly the input, false when not, null when BC fails. */
    private static Boolean reEncodes(byte[] input) {
        try (ASN1InputStream in = new ASN1InputStream(input, true)) {
            ASN1Primitive primitive = in.readObject();
            if (primitive == null) {
                return null;
            }
            boolean alone = in.available() == 0 && in.readObject() == null;
            return alone && Arrays.equals(primitive.getEncoded(ASN1Encoding.DER), input);
        } catch (Exception | StackOverflowError e) {
            return null;
        }
    }
}
