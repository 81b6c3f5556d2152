package org.orgcert.key.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.orgcert.token.UnblockAuthority;
import org.orgcert.token.UnblockChallenge;
import org.orgcert.token.UnblockResponse;

/**
 * The service's answers, as recorded from its API, read into records; and its problem+json errors into codes
 * and details. The client's calls to the running service are tested end to end in the server module.
 */
class ResponsesTest {
    private static final String DER = Base64.getEncoder().encodeToString(new byte[] {0x30, 0x00});

    @Test
    void renewalChallengeAndRenewedCertificateWithTheFee_R_REN_2_R_FEE_1_b() {
        String tbs = Base64.getEncoder().encodeToString("orgcert-renewal\n1A2B\nq3X".getBytes(StandardCharsets.UTF_8));
        RenewalChallenge challenge = Responses.renewalChallenge(200, body("{\"serial\":\"1A2B\",\"nonce\":\"q3X\","
                + "\"expiresAt\":\"2026-06-15T02:05:00Z\",\"toBeSigned\":\"" + tbs + "\"}"));
        assertThat(challenge.serial()).isEqualTo("1A2B");
        assertThat(challenge.expiresAt()).isEqualTo(Instant.parse("2026-06-15T02:05:00Z"));
        assertThat(new String(challenge.toBeSigned(), StandardCharsets.UTF_8)).isEqualTo("orgcert-renewal\n1A2B\nq3X");

        RenewedCertificate renewed = Responses.renewed(201, body("{\"serial\":\"3C4D\",\"certificate\":\"" + DER + "\","
                + "\"notBefore\":\"2026-06-15T02:00:00.123456Z\",\"notAfter\":\"2027-07-14T16:00:00Z\","
                + "\"predecessor\":\"1A2B\",\"applicationId\":\"7b0c3c1e-8d1f-4a57-9a53-0f3c1c7d2e10\","
                + "\"fee\":{\"payableFen\":0,\"rule\":\"R-FEE-1 b\"}}"));
        assertThat(renewed.applicationId()).isEqualTo("7b0c3c1e-8d1f-4a57-9a53-0f3c1c7d2e10");
        assertThat(renewed.certificate().serial()).isEqualTo("3C4D");
        assertThat(renewed.certificate().der()).containsExactly(0x30, 0x00);
        assertThat(renewed.certificate().notAfter()).isEqualTo(Instant.parse("2027-07-14T16:00:00Z"));
        assertThat(renewed.fee().line()).isEqualTo("Fee: 0.00 yuan, paid by the bureau (R-FEE-1 b)");
        assertThat(new Fee(16000, "R-REN-3").line()).isEqualTo("Fee: 160.00 yuan, payable by the employer (R-REN-3)");
    }

    @Test
    void timesAsEpochSecondsAreReadToo() {
        RenewalChallenge challenge = Responses.renewalChallenge(200, body("{\"serial\":\"1A\",\"nonce\":\"n\","
                + "\"expiresAt\":1781488800.500000000,\"toBeSigned\":\"" + DER + "\"}"));
        assertThat(challenge.expiresAt()).isEqualTo(Instant.ofEpochSecond(1781488800, 500_000_000));
    }

    @Test
    void successorAfterAnInformationChange_R_FEE_1_c() {
        Successor successor = Responses.successor(200, body("{\"serial\":\"5E\",\"certificate\":\"" + DER + "\","
                + "\"notBefore\":\"2026-06-15T02:00:00Z\",\"notAfter\":\"2027-06-14T16:00:00Z\",\"predecessor\":\"1A\","
                + "\"reason\":\"INFO_CHANGE\"}"));
        assertThat(successor.reason()).isEqualTo(Successor.Reason.INFO_CHANGE);
        assertThat(successor.certificate().serial()).isEqualTo("5E");
    }

    @Test
    void unlockRequestStatesAndTheHiddenResponse_R_FEE_1_d() {
        UnlockRequest pending = Responses.unlockRequest(201, body("{\"id\":\"0d6f\",\"tokenSerial\":\"SW01\","
                + "\"certificateSerial\":\"1A\",\"state\":\"PENDING\",\"requestedBy\":\"employer-agent:138****0000\"}"));
        assertThat(pending.state()).isEqualTo(UnlockRequest.State.PENDING);

        // The response comes only from the response endpoint, for the assistant's secret.
        UnblockResponse response = new UnblockAuthority(new byte[32]).respond("SW01", new UnblockChallenge(new byte[10]));
        assertThat(Responses.unblockResponse(200, body("{\"id\":\"0d6f\",\"tokenSerial\":\"SW01\","
                + "\"state\":\"APPROVED\",\"response\":\"" + response.text() + "\"}"))).isEqualTo(response);

        UnlockRequest rejected = Responses.unlockRequest(200, body("{\"id\":\"0d6f\",\"tokenSerial\":\"SW01\","
                + "\"state\":\"REJECTED\",\"reason\":\"the caller could not confirm the employer\"}"));
        assertThat(rejected.reason()).isEqualTo("the caller could not confirm the employer");

        ServiceException unreadable = catchThrowableOfType(ServiceException.class, () -> Responses.unblockResponse(200,
                body("{\"id\":\"1\",\"tokenSerial\":\"SW01\",\"state\":\"APPROVED\",\"response\":\"SECRET-TYPO\"}")));
        assertThat(unreadable.code()).isEqualTo(ServiceException.UNEXPECTED);
        assertThat(unreadable.detail()).doesNotContain("SECRET");
    }

    @Test
    void revocationAfterALossReport_R_FEE_2() {
        Revocation revocation = Responses.revocation(200, body("{\"serial\":\"1A\",\"state\":\"REVOKED\","
                + "\"reason\":\"keyCompromise\",\"revokedAt\":\"2026-06-15T02:00:00Z\"}"));
        assertThat(revocation.reason()).isEqualTo("keyCompromise");
        assertThat(LossReason.parse(" damaged ")).isEqualTo(LossReason.DAMAGED);
        assertThatThrownBy(() -> LossReason.parse("STOLEN")).hasMessageContaining("LOST, DAMAGED or CANCELLED");
    }

    @Test
    void problemJsonGivesCodeDetailAndExtraProperties_R_REN_1() {
        ServiceException notOpen = Responses.problem(409, body("{\"type\":\"https://orgcert.example/problems/"
                + "renewal-not-open\",\"title\":\"renewal not open\",\"status\":409,\"detail\":\"Renewal of certificate"
                + " 1A opens on 2027-05-16, 30 days before it expires on 2027-06-15 (R-REN-1).\",\"instance\":"
                + "\"/api/v1/renewals/challenge\",\"opensOn\":\"2027-05-16\"}"));
        assertThat(notOpen.status()).isEqualTo(409);
        assertThat(notOpen.code()).isEqualTo("renewal-not-open");
        assertThat(notOpen.detail()).startsWith("Renewal of certificate 1A opens on 2027-05-16");
        assertThat(notOpen.properties()).containsExactly(java.util.Map.entry("opensOn", "2027-05-16"));

        ServiceException plain = Responses.problem(502, body("<html>Bad gateway</html>"));
        assertThat(plain.code()).isEqualTo("http-502");
        assertThat(plain.detail()).contains("502");
    }

    @Test
    void missingFieldsAreAnUnexpectedAnswerNotANullPointer() {
        ServiceException e = catchThrowableOfType(ServiceException.class,
                () -> Responses.renewed(201, body("{\"serial\":\"1A\"}")));
        assertThat(e.code()).isEqualTo(ServiceException.UNEXPECTED);
        assertThat(catchThrowableOfType(ServiceException.class, () -> Responses.successor(200, body("[1,2]"))).code())
                .isEqualTo(ServiceException.UNEXPECTED);
    }

    @Test
    void clientRefusesBadUrlsSerialsAndMobilesBeforeSendingAnything() {
        assertThatThrownBy(() -> new ServiceClient(java.net.URI.create("ftp://example.cn")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ServiceClient(java.net.URI.create("http://localhost:8080/")).baseUrl())
                .hasToString("http://localhost:8080");
        assertThat(ServiceClient.serial(" 1a2b ")).isEqualTo("1A2B");
        assertThatThrownBy(() -> ServiceClient.serial("1A/../x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ServiceClient.mobile("13800000000")).isEqualTo("13800000000");
        assertThatThrownBy(() -> ServiceClient.mobile("1380000")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnreachableServiceIsACodeNotAStackTrace() {
        ServiceClient client = new ServiceClient(java.net.URI.create("http://127.0.0.1:9"), java.time.Duration
                .ofSeconds(2));
        ServiceException e = catchThrowableOfType(ServiceException.class, () -> client.renewalChallenge("1A"));
        assertThat(e.status()).isZero();
        assertThat(e.code()).isEqualTo(ServiceException.UNREACHABLE);
        assertThat(e.detail()).contains("http://127.0.0.1:9");
    }

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
