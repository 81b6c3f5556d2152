package org.orgcert.server.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orgcert.pki.crl.RevocationReason;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.certificate.CertificateDecision.Allowed;
import org.orgcert.server.certificate.CertificateDecision.Refused;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.CommonRefusal;
import org.orgcert.server.domain.RefusalCode;
import org.orgcert.server.domain.StaffRole;

/** The certificate machine's table, without Spring: every event refused in a wrong state with a typed refusal. */
class CertificateDecisionsTest {
    private static final Instant NOW = Instant.parse("2026-06-15T02:00:00Z");
    private static final Duration GRACE = Duration.ofDays(30);
    private static final Uscc USCC = new Uscc("91110000600037341L");
    private static final BigInteger OLD = BigInteger.valueOf(0x1001);
    private static final BigInteger NEW = BigInteger.valueOf(0x1002);
    private static final CertificateParty AGENT = CertificateParty.person(new Actor.EmployerAgent("138****0001",
            Set.of(UUID.randomUUID()), Set.of(USCC.value())));
    private static final CertificateParty SERVICE = CertificateParty.service("test");

    static CertificateRecord certificate(BigInteger serial, CertificateState state, BigInteger predecessor,
            boolean replaces, Instant signedAt, Instant onKeyAt) {
        return new CertificateRecord(serial, UUID.randomUUID(), "sm2", USCC, "昆明市测试有限公司", "SM2", "employer",
                NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(300)), state, new byte[] {1},
                state == CertificateState.ISSUING ? null : new byte[] {2}, "SW01", NOW.minus(Duration.ofDays(10)),
                state == CertificateState.REVOKED ? NOW : null,
                state == CertificateState.REVOKED ? RevocationReason.KEY_COMPROMISE : null, predecessor, true, signedAt,
                replaces, onKeyAt);
    }

    private static CertificateRecord valid(BigInteger serial) {
        return certificate(serial, CertificateState.VALID, null, false, NOW.minus(Duration.ofDays(10)), null);
    }

    private static CertificateFacts replacedBy(CertificateRecord successor, boolean onKey, Instant now) {
        return new CertificateFacts(valid(OLD), successor, onKey, now, GRACE);
    }

    private static RefusalCode refusal(CertificateDecision decision) {
        assertThat(decision).isInstanceOf(Refused.class);
        return ((Refused) decision).refusal().code();
    }

    @ParameterizedTest
    @EnumSource(CertificateEvent.class)
    void everyEventIsRefusedForARevokedOrUnsignedCertificateWithATypedRefusal(CertificateEvent event) {
        CertificateParty party = switch (event.parties().iterator().next()) {
            case PERSON -> AGENT;
            case KEY_HOLDER -> CertificateParty.keyHolder(OLD.toString(16).toUpperCase());
            case SERVICE -> SERVICE;
        };
        CertificateRecord revoked = certificate(OLD, CertificateState.REVOKED, null, false, NOW, null);
        CertificateRecord issuing = certificate(OLD, CertificateState.ISSUING, null, false, null, null);
        assertThat(refusal(CertificateDecisions.decide(new CertificateFacts(revoked, null, false, NOW, GRACE), party,
                event))).isEqualTo(CertificateRefusal.ALREADY_REVOKED);
        assertThat(refusal(CertificateDecisions.decide(new CertificateFacts(issuing, null, false, NOW, GRACE), party,
                event))).isEqualTo(CertificateRefusal.NOT_ISSUED);
    }

    @Test
    void aReplacedCertificateIsSupersededOnlyOnceItsSuccessorIsOnTheKey_R_FEE_1_c() {
        CertificateRecord successor = certificate(NEW, CertificateState.VALID, OLD, true, NOW, null);
        assertThat(refusal(CertificateDecisions.decide(replacedBy(successor, false, NOW), SERVICE,
                CertificateEvent.SUPERSEDE))).isEqualTo(CertificateRefusal.SUCCESSOR_NOT_ON_KEY);
        CertificateDecision onKey = CertificateDecisions.decide(replacedBy(successor, true, NOW), SERVICE,
                CertificateEvent.SUPERSEDE);
        assertThat(onKey).isInstanceOfSatisfying(Allowed.class, allowed -> {
            assertThat(allowed.target()).isEqualTo(CertificateState.REVOKED);
            assertThat(allowed.reason()).isEqualTo(RevocationReason.SUPERSEDED);
        });
        // A renewal does not replace its predecessor: it runs to its expiry.
        CertificateRecord renewal = certificate(NEW, CertificateState.VALID, OLD, false, NOW, NOW);
        assertThat(refusal(CertificateDecisions.decide(replacedBy(renewal, true, NOW), SERVICE,
                CertificateEvent.SUPERSEDE))).isEqualTo(CertificateRefusal.NOT_REPLACED);
        // Only the service supersedes; a person cannot.
        assertThat(refusal(CertificateDecisions.decide(replacedBy(successor, true, NOW), AGENT,
                CertificateEvent.SUPERSEDE))).isEqualTo(CommonRefusal.ROLE_NOT_ALLOWED);
    }

    @Test
    void theGraceEndsThirtyDaysAfterTheSuccessorWasSigned_R_FEE_1_c() {
        Instant signed = NOW;
        CertificateRecord successor = certificate(NEW, CertificateState.VALID, OLD, true, signed, null);
        assertThat(refusal(CertificateDecisions.decide(replacedBy(successor, false, signed.plus(GRACE).minusSeconds(1)),
                SERVICE, CertificateEvent.END_GRACE))).isEqualTo(CertificateRefusal.GRACE_NOT_OVER);
        assertThat(CertificateDecisions.decide(replacedBy(successor, false, signed.plus(GRACE)), SERVICE,
                CertificateEvent.END_GRACE).allowed()).isTrue();
        // An unsigned successor replaces nothing yet.
        CertificateRecord unsigned = certificate(NEW, CertificateState.ISSUING, OLD, true, null, null);
        assertThat(refusal(CertificateDecisions.decide(replacedBy(unsigned, false, NOW.plus(Duration.ofDays(90))),
                SERVICE, CertificateEvent.END_GRACE))).isEqualTo(CertificateRefusal.NOT_REPLACED);
    }

    @Test
    void onlyTheKeysHolderConfirmsAndALossEndsEveryCertificateOnTheKey_R_FEE_2() {
        CertificateFacts facts = new CertificateFacts(valid(NEW), null, false, NOW, GRACE);
        assertThat(refusal(CertificateDecisions.decide(facts, AGENT, CertificateEvent.CONFIRM_ON_KEY)))
                .isEqualTo(CommonRefusal.ROLE_NOT_ALLOWED);
        assertThat(refusal(CertificateDecisions.decide(facts, CertificateParty.keyHolder("FFFF"),
                CertificateEvent.CONFIRM_ON_KEY))).isEqualTo(CommonRefusal.ROLE_NOT_ALLOWED);
        assertThat(CertificateDecisions.decide(facts, CertificateParty.keyHolder("1002"), CertificateEvent.CONFIRM_ON_KEY)
                .orThrow().consequences()).containsExactly(CertificateConsequence.SUPERSEDE_PREDECESSOR);

        assertThat(CertificateDecisions.decide(facts, AGENT, CertificateEvent.REPORT_LOST).orThrow().consequences())
                .containsExactly(CertificateConsequence.REVOKE_EVERY_CERTIFICATE_ON_KEY, CertificateConsequence.TELL_EMPLOYER);
        CertificateParty otherAgent = CertificateParty.person(new Actor.EmployerAgent("139****0002",
                Set.of(UUID.randomUUID()), Set.of("915301000000000000")));
        assertThat(refusal(CertificateDecisions.decide(facts, otherAgent, CertificateEvent.REPORT_LOST)))
                .isEqualTo(CertificateRefusal.UNKNOWN_CERTIFICATE);
        CertificateParty operator = CertificateParty.person(new Actor.Staff("op", StaffRole.CA_OPERATOR, null));
        assertThat(refusal(CertificateDecisions.decide(facts, operator, CertificateEvent.CANCEL)))
                .isEqualTo(CommonRefusal.ROLE_NOT_ALLOWED);
        CertificateParty service = CertificateParty.person(new Actor.Staff("cs", StaffRole.CA_SERVICE, null));
        assertThat(CertificateDecisions.decide(facts, service, CertificateEvent.REPORT_DAMAGED).allowed()).isTrue();
    }

    @Test
    void everyRevocationTellsTheEmployerButASupersessionItCausedItself_R_SMS_1() {
        for (CertificateEvent event : CertificateEvent.values()) {
            boolean tells = event.consequences().contains(CertificateConsequence.TELL_EMPLOYER);
            assertThat(tells).as(event.name()).isEqualTo(event.target() == CertificateState.REVOKED
                    && event != CertificateEvent.SUPERSEDE);
        }
    }
}
