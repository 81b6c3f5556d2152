package org.orgcert.pki.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.algorithm.PrivateKeySigner;
import org.orgcert.pki.csr.CsrBuilder;
import org.orgcert.pki.csr.CsrParser;
import org.orgcert.pki.csr.VerifiedCsr;
import org.orgcert.pki.name.Uscc;
import org.orgcert.pki.profile.CertificateProfile;
import org.orgcert.pki.profile.CertificateProfiles;
import org.orgcert.pki.testing.TestCas;

/**
 * Property: any employer name of 1-100 characters, Chinese, Latin, digits and punctuation, comes back
 * unchanged from the certificate and from a CSR that carries the same subject (R-CERT-5).
 */
class EmployerNameRoundTripTest {
    private static final String CHINESE = "昆明市云南省劳动就业服务局科技有限公司个体工商户五华区盘龙官渡西山呈贡晋宁滇池路号";
    private static final String OTHER = "ABCxyz0123456789（）()·&-.,，、'《》“”【】 +#/";
    private static final KeyAlgorithm ALGORITHM = KeyAlgorithm.ECDSA_P256;
    private static final PrivateKeySigner KEY = PrivateKeySigner.of(ALGORITHM.generateKeyPair());
    private static final CertificateIssuer ISSUER = new CertificateIssuer(TestCas.hierarchy(ALGORITHM).issuing(),
            CertificateProfiles.builtIn(), Clock.systemUTC());

    static Stream<String> names() {
        Random random = new Random(5301);
        Stream<String> generated = IntStream.range(0, 300).mapToObj(i -> {
            int length = 1 + random.nextInt(100);
            StringBuilder name = new StringBuilder();
            while (name.length() < length) {
                String pool = random.nextInt(3) == 0 ? OTHER : CHINESE;
                name.append(pool.charAt(random.nextInt(pool.length())));
            }
            return name.toString().strip().isEmpty() ? "名" : name.toString().strip();
        });
        return Stream.concat(Stream.of("名", "名".repeat(100), "A", "云南省某某（集团）股份有限公司·昆明分公司", "O'Brien & Sons, Ltd."),
                generated);
    }

    @ParameterizedTest
    @MethodSource("names")
    void nameSurvivesCertificateAndCsr(String name) {
        Uscc uscc = new Uscc("91350100M000100Y43");
        CertificateSubject.Employer employer = new CertificateSubject.Employer(name, uscc);
        CertificateProfile profile = CertificateProfiles.builtIn().get(CertificateProfiles.EMPLOYER_SIGNING);
        X500Name subject = EmployerNames.subject(employer, profile);

        VerifiedCsr csr = new CsrParser().parse(CsrBuilder.build(subject, KEY));
        assertThat(EmployerNames.organisation(csr.subject())).isEqualTo(name);

        X509CertificateHolder certificate = ISSUER.issue(IssueRequest.of(CertificateProfiles.EMPLOYER_SIGNING,
                employer, csr.publicKey())).holder();
        assertThat(EmployerNames.organisation(certificate.getSubject())).isEqualTo(name);
        assertThat(EmployerNames.uscc(certificate.getSubject())).isEqualTo(uscc.value());
        assertThat(certificate.getSubject()).isEqualTo(subject);
    }
}
