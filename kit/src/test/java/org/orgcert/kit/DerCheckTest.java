package org.orgcert.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.algorithm.KeyAlgorithm;

/** DER only: the walk agrees with "parse, re-encode as DER, compare" and names BER forms. */
class DerCheckTest {

    private static String problem(String hex) {
        return DerCheck.problem(HexFormat.of().parseHex(hex));
    }

    @Test
    void berFormsAreRefused() {
        assertThat(problem("0500")).isNull();
        assertThat(problem("30030201" + "05")).isNull();
        assertThat(problem("3080020105" + "0000")).contains("indefinite");
        assertThat(problem("30810302" + "0105")).contains("long-form length below 128");
        assertThat(problem("0101" + "01")).contains("BOOLEAN");
        assertThat(problem("02020005")).contains("INTEGER");
        assertThat(problem("0302" + "0101")).contains("padding");
        assertThat(problem("2403" + "040100")).contains("constructed");
        assertThat(problem("3106" + "020102" + "020101")).contains("ascending");
        assertThat(problem("170d" + HexFormat.of().formatHex("2612070000000Z".substring(0, 12).concat("+").getBytes())))
                .contains("time");
        assertThat(problem("0500" + "00")).contains("after its end");
        assertThat(problem("3005" + "0500")).contains("truncated");
        assertThat(problem("")).contains("empty");
        assertThat(problem("0800")).contains("universal type 8"); // EXTERNAL, constructed by nature
    }

    @Test
    void theWalkAgreesWithReEncodingOnMutatedCertificates() throws Exception {
        byte[] der = KitCas.family(KeyAlgorithm.ECDSA_P256).employer(Clock.systemUTC()).certificate();
        assertThat(DerCheck.problem(der)).isNull();
        Random random = new Random(42);
        int agreed = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] mutated = der.clone();
            mutated[random.nextInt(mutated.length)] ^= (byte) (1 << random.nextInt(8));
            if (i % 3 == 0) {
                mutated = Arrays.copyOf(mutated, random.nextInt(mutated.length + 1));
            }
            boolean walk = DerCheck.problem(mutated) == null;
            boolean reEncoded;
            try {
                reEncoded = Arrays.equals(ASN1Primitive.fromByteArray(mutated).getEncoded(ASN1Encoding.DER), mutated);
            } catch (Exception e) {
                reEncoded = false;
            }
            // The walk may refuse more (it checks times and OID arcs, which BC re-encodes unchanged), never less.
            if (walk) {
                assertThat(reEncoded).as("accepted by the walk, so DER: mutation %d", i).isTrue();
            }
            agreed += walk == reEncoded ? 1 : 0;
        }
        assertThat(agreed).isGreaterThan(2900);
    }
}
