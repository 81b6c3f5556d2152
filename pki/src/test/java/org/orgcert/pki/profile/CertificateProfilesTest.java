package org.orgcert.pki.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.algorithm.KeyAlgorithm;

/** Profiles are data (R-CERT-4 one-year validity; R-CERT-5 identity in the certificate). */
class CertificateProfilesTest {

    @Test
    void builtInEmployerProfileIsOneYearWithSigningUsages() {
        CertificateProfile profile = CertificateProfiles.builtIn().get(CertificateProfiles.EMPLOYER_SIGNING);
        assertThat(profile.validity()).isEqualTo(Period.ofYears(1));
        assertThat(profile.keyUsage()).containsExactlyInAnyOrder(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.NON_REPUDIATION);
        assertThat(profile.keyAlgorithms()).containsExactlyInAnyOrder(KeyAlgorithm.values());
        assertThat(profile.identityCodeOid()).isEqualTo("1.2.156.10260.4.1.4");
        assertThat(profile.subject()).isEqualTo(new CertificateProfile.SubjectTemplate("CN"));
        CertificateProfile encryption = CertificateProfiles.builtIn().get(CertificateProfiles.EMPLOYER_ENCRYPTION);
        assertThat(encryption.keyUsage()).containsExactlyInAnyOrder(KeyUsageBit.KEY_ENCIPHERMENT, KeyUsageBit.DATA_ENCIPHERMENT);
        assertThat(CertificateProfiles.builtIn().get(CertificateProfiles.OCSP_SIGNER).ocspNoCheck()).isTrue();
    }

    @Test
    void aCaChangesTheIdentityOidByEditingData() throws Exception {
        CertificateProfiles profiles = CertificateProfiles.load(new StringReader("""
                e.kind=EMPLOYER_SIGNING
                e.validity=P1Y
                e.key-usage=DIGITAL_SIGNATURE
                e.key-algorithms=sm2
                e.identity-code-oid=1.2.156.10260.4.1.5
                e.subject=CN
                """));
        assertThat(profiles.get("e").identityCodeOid()).isEqualTo("1.2.156.10260.4.1.5");
        assertThat(profiles.get("e").keyAlgorithms()).containsExactly(KeyAlgorithm.SM2);
    }

    @Test
    void badProfilesNameTheProblem() {
        assertThatThrownBy(() -> CertificateProfiles.load(new StringReader("e.kind=EMPLOYER_SIGNING\n")))
                .hasMessageContaining("profile e has no setting 'validity'");
        assertThatThrownBy(() -> CertificateProfiles.load(new StringReader("e.kind=NOPE\ne.validity=P1Y\n")))
                .hasMessageContaining("'kind' = 'NOPE' is not valid");
        assertThatThrownBy(() -> CertificateProfiles.builtIn().get("missing")).hasMessageContaining("known:");
        // A fixed ST and L would put one place into every employer's certificate.
        assertThatThrownBy(() -> CertificateProfiles.load(new StringReader(
                "e.kind=EMPLOYER_SIGNING\ne.validity=P1Y\ne.key-usage=DIGITAL_SIGNATURE\ne.key-algorithms=sm2\n"
                        + "e.subject=CN,云南省,昆明市\n"))).hasMessageContaining("ST and L come from the employer's USCC");
    }
}
