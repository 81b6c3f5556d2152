package org.orgcert.server.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.profile.CertificateProfiles;
import org.orgcert.pki.testing.MutableClock;
import org.orgcert.server.OrgCertProperties;
import org.orgcert.server.PublicUrl;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.issuance.CertificateAuthorities;
import org.orgcert.server.issuance.IssuanceSettings;
import org.orgcert.server.issuance.OcspSignerRenewed;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.StandardEnvironment;

/**
 * The 90-day delegated OCSP signer is renewed when 30 days are left, the new key store replaces the old on
 * disk, and the responder switches to the new signer (RFC 6960 4.2.2.2). A CA set of its own, on its own
 * clock, so the shared test CAs stay as they are.
 */
@ServiceTest
class OcspSignerRenewalTest extends ServiceTestBase {
    @TempDir
    Path data;
    @Autowired
    CertificateStore certificates;

    @Test
    void aSignerWithLessThan30DaysLeftIsRenewedAndTheResponderSwitches() {
        MutableClock clock = new MutableClock(Instant.parse("2026-06-15T02:00:00Z"));
        List<OcspSignerRenewed> announced = new ArrayList<>();
        CertificateAuthorities authorities = authorities(clock, announced);
        OcspResponders responders = new OcspResponders(authorities, certificates, clock, Duration.ofHours(1));
        Instant firstNotAfter = responders.forLabel("sm2").orElseThrow().signerNotAfter();
        assertThat(firstNotAfter).isAfter(clock.instant().plus(Duration.ofDays(89)));

        clock.advance(Duration.ofDays(59));
        assertThat(authorities.renewOcspSignersIfDue(Duration.ofDays(30))).isEmpty(); // 31 days left
        clock.advance(Duration.ofDays(2));
        assertThat(authorities.renewOcspSignersIfDue(Duration.ofDays(30))).containsExactly("sm2");
        assertThat(announced).containsExactly(new OcspSignerRenewed("sm2"));
        announced.forEach(responders::signerRenewed);

        Instant renewedNotAfter = responders.forLabel("sm2").orElseThrow().signerNotAfter();
        assertThat(renewedNotAfter).isAfter(clock.instant().plus(Duration.ofDays(89)));
        // A restart loads the renewed signer from ocsp.p12 and finds nothing due.
        List<OcspSignerRenewed> afterRestart = new ArrayList<>();
        CertificateAuthorities restarted = authorities(clock, afterRestart);
        assertThat(restarted.hierarchy("sm2").orElseThrow().ocspSigner().certificate().getNotAfter().toInstant())
                .isEqualTo(renewedNotAfter);
        assertThat(afterRestart).isEmpty();
    }

    private CertificateAuthorities authorities(MutableClock clock, List<OcspSignerRenewed> announced) {
        return new CertificateAuthorities(new OrgCertProperties(data, null),
                new IssuanceSettings(KeyAlgorithm.SM2, List.of(KeyAlgorithm.SM2), null, 10),
                CertificateProfiles.builtIn(), clock, new StandardEnvironment(),
                event -> announced.add((OcspSignerRenewed) event), PublicUrl.of("http://localhost:8080", "127.0.0.1", "8080"));
    }
}
