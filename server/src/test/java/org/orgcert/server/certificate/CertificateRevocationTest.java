package org.orgcert.server.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.crl.RevocationReason;
import org.orgcert.pki.issue.PreparedCertificate;
import org.orgcert.pki.ocsp.CertificateStatus;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.issuance.CertificateAuthorities;
import org.orgcert.server.issuance.ProductionResult;
import org.orgcert.server.issuance.ProductionService;
import org.orgcert.server.issuance.ProductionTestBase;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.RefusalKind;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Revocation (R-FEE-2 lost key, R-CH-7 cancellation) and the status OCSP answers from the store. */
@ServiceTest
class CertificateRevocationTest extends ProductionTestBase {
    @Autowired
    ProductionService production;
    @Autowired
    CertificateRevocation revocation;
    @Autowired
    CertificateStore store;
    @Autowired
    CertificateAuthorities authorities;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void rCh7_aCancelledCertificateIsRevokedOnceAndASecondRevokeIs409() {
        ProductionResult produced = production.produce(order(KeyAlgorithm.ECDSA_P256));
        BigInteger serial = produced.certificate().serial();
        assertThat(store.status("ecdsa-p256", serial)).isEqualTo(CertificateStatus.GOOD);

        CertificateRecord revoked = revocation.revoke(serial, RevocationReason.CESSATION_OF_OPERATION, "clerk:wuhua-1");

        assertThat(revoked.state()).isEqualTo(CertificateState.REVOKED);
        assertThat(store.status("ecdsa-p256", serial)).isEqualTo(
                new CertificateStatus.Revoked(revoked.revokedAt(), RevocationReason.CESSATION_OF_OPERATION));
        assertThatThrownBy(() -> revocation.revoke(serial, RevocationReason.KEY_COMPROMISE, "clerk:wuhua-2"))
                .isInstanceOfSatisfying(Refusal.class, problem -> {
                    assertThat(problem.kind()).isEqualTo(org.orgcert.server.domain.RefusalKind.CONFLICT);
                    assertThat(problem.type()).isEqualTo("already-revoked");
                });
        // The first reason stands, and exactly one revocation was audited.
        assertThat(store.findBySerial(serial)).get().extracting(CertificateRecord::revocationReason)
                .isEqualTo(RevocationReason.CESSATION_OF_OPERATION);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE action = 'certificate.revoked'"
                + " AND subject_id = ?", Integer.class, revoked.serialHex())).isEqualTo(1);
    }

    @Test
    void unknownSerialsOtherCasAndUnsignedCertificatesAreUnknown() {
        ProductionResult produced = production.produce(order(KeyAlgorithm.ECDSA_P256));
        assertThat(store.status("ecdsa-p256", BigInteger.valueOf(0x1001))).isEqualTo(CertificateStatus.UNKNOWN);
        assertThat(store.status("sm2", produced.certificate().serial())).isEqualTo(CertificateStatus.UNKNOWN);

        PreparedCertificate prepared = prepareEcdsa(authorities, NAME);
        transaction.executeWithoutResult(s -> store.record(new NewCertificate(UUID.randomUUID(), "ecdsa-p256", USCC,
                NAME, "ecdsa-p256", prepared, "SW0000000000000000")));
        assertThat(store.status("ecdsa-p256", prepared.serial())).isEqualTo(CertificateStatus.UNKNOWN);
        assertThatThrownBy(() -> revocation.revoke(prepared.serial(), RevocationReason.KEY_COMPROMISE, "clerk:x"))
                .isInstanceOfSatisfying(Refusal.class, p -> assertThat(p.type()).isEqualTo("not-issued"));
        assertThatThrownBy(() -> revocation.revoke(BigInteger.valueOf(0x1001), RevocationReason.KEY_COMPROMISE, "clerk:x"))
                .isInstanceOfSatisfying(Refusal.class, p -> assertThat(p.kind()).isEqualTo(RefusalKind.NOT_FOUND));
    }

    @Test
    void aRecordedApplicationKeepsItsFirstRow() {
        PreparedCertificate first = prepareEcdsa(authorities, NAME);
        PreparedCertificate second = prepareEcdsa(authorities, NAME);
        UUID application = UUID.randomUUID();
        var a = transaction.execute(s -> store.record(new NewCertificate(application, "ecdsa-p256", USCC, NAME,
                "ecdsa-p256", first, "SW0000000000000001")));
        var b = transaction.execute(s -> store.record(new NewCertificate(application, "ecdsa-p256", USCC, NAME,
                "ecdsa-p256", second, "SW0000000000000002")));
        assertThat(a.created()).isTrue();
        assertThat(b.created()).isFalse();
        assertThat(b.certificate().serial()).isEqualTo(first.serial());
    }
}
