package org.orgcert.server.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.server.PublicUrl;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestClockConfiguration;
import org.orgcert.server.TestStaff;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.RefusalKind;
import org.orgcert.server.web.Problems;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;

/**
 * A deployment listening beyond loopback without ORGCERT_PUBLIC_URL would write http://localhost:… into
 * certificates relying platforms must check for a year (issue 12): it issues none, before a token is spent.
 * (Its own Spring context: the service listening on every interface with no public URL.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"orgcert.data-dir=target/test-data",
                "orgcert.issuance.hierarchies=sm2,ecdsa-p256",
                "orgcert.issuance.token-kdf-log2n=10",
                "db-scheduler.enabled=false",
                "orgcert.account.bcrypt-strength=4",
                "server.address=0.0.0.0",
                "orgcert.public-url="})
@Import({TestClockConfiguration.class, TestStaff.class})
class PublicUrlNotSetTest extends ServiceTestBase {
    @Autowired
    ProductionService production;
    @Autowired
    PublicUrl publicUrl;

    @Test
    void productionIsRefused503PublicUrlNotSet() {
        assertThat(publicUrl.settled()).isFalse();
        assertThatThrownBy(() -> production.produce(new ProductionOrder(UUID.randomUUID(),
                ProductionTestBase.NAME, ProductionTestBase.USCC, KeyAlgorithm.ECDSA_P256, "clerk:wuhua-1")))
                .isInstanceOfSatisfying(Refusal.class, refusal -> {
                    assertThat(refusal.type()).isEqualTo("public-url-not-set");
                    assertThat(refusal.kind()).isEqualTo(RefusalKind.UNAVAILABLE);
                    assertThat(refusal.detail()).contains("ORGCERT_PUBLIC_URL");
                });
        assertThat(Problems.status(RefusalKind.UNAVAILABLE)).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }
}
