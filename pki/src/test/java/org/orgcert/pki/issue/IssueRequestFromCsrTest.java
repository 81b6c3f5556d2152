package org.orgcert.pki.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.csr.VerifiedCsr;
import org.orgcert.pki.profile.CertificateProfiles;

/** Review finding 7: proof of possession is carried by the types. */
class IssueRequestFromCsrTest {
    @Test
    void finding7_fromCsrCertifiesTheVerifiedKeyAndOnlyTheParserMakesVerifiedCsrs() {
        VerifiedCsr csr = CertificateIssuerTest.csrFor(KeyAlgorithm.SM2);
        CertificateSubject employer = new CertificateSubject.Employer(CertificateIssuerTest.NAME, CertificateIssuerTest.USCC);
        IssueRequest request = IssueRequest.fromCsr(CertificateProfiles.EMPLOYER_SIGNING, employer, csr);
        assertThat(request.publicKey()).isEqualTo(csr.publicKey());
        IssuedCertificate issued = CertificateIssuerTest.issuer(KeyAlgorithm.SM2).issue(request);
        assertThat(issued.holder().getSubjectPublicKeyInfo()).isEqualTo(csr.publicKey());

        Instant renewedUntil = Instant.now().plus(380, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        IssueRequest renewal = IssueRequest.fromCsr(CertificateProfiles.EMPLOYER_SIGNING, employer, csr, renewedUntil);
        assertThat(CertificateIssuerTest.issuer(KeyAlgorithm.SM2).prepare(renewal).notAfter()).isEqualTo(renewedUntil);

        assertThat(VerifiedCsr.class.getDeclaredConstructors())
                .allMatch(c -> !Modifier.isPublic(c.getModifiers()) && !Modifier.isProtected(c.getModifiers()));
    }
}
