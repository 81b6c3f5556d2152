package org.orgcert.server.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.Pki;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.crl.RevocationReason;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.certificate.CertificateRevocation;
import org.orgcert.server.issuance.CertificateAuthorities;
import org.orgcert.server.issuance.ProductionResult;
import org.orgcert.server.issuance.ProductionService;
import org.orgcert.server.issuance.ProductionTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fresh status for relying platforms: a revocation shows over OCSP at once, and CRLs are reissued in the
 * background ({@link CrlRegenerator}, whose passes the tests run by hand at the test clock's time) without
 * anyone fetching them; a fetch only serves what is in memory.
 */
@ServiceTest
class FreshStatusTest extends ProductionTestBase {
    private static final String CA = "ecdsa-p256";

    @Autowired
    ProductionService production;
    @Autowired
    CertificateRevocation revocation;
    @Autowired
    CrlRegenerator regenerator;
    @Autowired
    CertificateAuthorities authorities;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    @BeforeEach
    void settle() {
        // CRLs made by earlier tests at other clock times are replaced; from here on only this test's changes count.
        regenerator.tick();
    }

    @Test
    void aLossReportIsRevokedInTheNextOcspAnswerOverHttpWithoutAnyCrlWork_R_FEE_2() throws Exception {
        BigInteger serial = produce();
        assertThat(ocspPost(serial)).isNull(); // good
        long crlNumber = crlCounter();

        revocation.revoke(serial, RevocationReason.KEY_COMPROMISE, "clerk:wuhua-1"); // a lost USB key (R-FEE-2)

        // The very next request, well within a second: the revoking thread re-signed the answer after commit.
        CertificateStatus status = ocspPost(serial);
        assertThat(status).isInstanceOf(RevokedStatus.class);
        assertThat(((RevokedStatus) status).getRevocationReason()).isEqualTo(RevocationReason.KEY_COMPROMISE.code());
        assertThat(ocspGet(serial)).isInstanceOf(RevokedStatus.class);
        // No CRL was made or fetched on the way: the revocation only marked the CRLs changed.
        assertThat(crlCounter()).isEqualTo(crlNumber);
    }

    @Test
    void theRegeneratorPublishesADeltaThenAFullCrlAfterARevocationWithoutAnyFetch_R_FEE_2() throws Exception {
        BigInteger serial = produce();
        Map<String, Object> fullBefore = stored("FULL");
        Map<String, Object> deltaBefore = stored("DELTA");
        revocation.revoke(serial, RevocationReason.KEY_COMPROMISE, "clerk:wuhua-1");

        // A second later the delta CRL lists it; the full CRL waits for the five minutes after a change.
        clock.advance(Duration.ofSeconds(1));
        regenerator.tick();
        Map<String, Object> delta = stored("DELTA");
        assertThat(number(delta)).isGreaterThan(number(deltaBefore));
        assertThat(number(stored("FULL"))).isEqualTo(number(fullBefore));
        X509CRLHolder deltaCrl = new X509CRLHolder((byte[]) delta.get("der"));
        assertThat(deltaCrl.getRevokedCertificate(serial)).isNotNull();
        assertThat(ASN1Integer.getInstance(deltaCrl.getExtension(Extension.deltaCRLIndicator).getParsedValue())
                .getValue()).isEqualTo(number(fullBefore));

        clock.advance(Duration.ofMinutes(5));
        regenerator.tick();
        Map<String, Object> full = stored("FULL");
        assertThat(number(full)).isGreaterThan(number(delta));
        assertThat(new X509CRLHolder((byte[]) full.get("der")).getRevokedCertificate(serial)).isNotNull();
        // ... with a new delta on it, and both are what a fetch serves, byte for byte, from memory.
        Map<String, Object> rebased = stored("DELTA");
        assertThat(ASN1Integer.getInstance(new X509CRLHolder((byte[]) rebased.get("der"))
                .getExtension(Extension.deltaCRLIndicator).getParsedValue()).getValue()).isEqualTo(number(full));
        assertThat(fetch("/crl")).isEqualTo(full.get("der"));
        assertThat(fetch("/delta-crl")).isEqualTo(rebased.get("der"));
    }

    @Test
    void withoutRevocationsNewCrlsComeHourlyLongBeforeNextUpdate() {
        // (The 59th minute against the 60th is CrlScheduleTest's; here other test classes' revocations at
        // other clock times may count as changes.)
        Map<String, Object> full = stored("FULL");
        clock.advance(Duration.ofHours(1));
        regenerator.tick();
        Map<String, Object> next = stored("FULL");
        assertThat(number(next)).isGreaterThan(number(full));
        assertThat(((Timestamp) next.get("next_update")).toInstant()).isEqualTo(clock.instant()
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plus(Duration.ofHours(24)));
    }

    @Test
    void aFetchNeverServesACrlPastItsNextUpdateEvenIfTheRegeneratorStopped() throws Exception {
        X509CRLHolder served = new X509CRLHolder(fetch("/crl"));
        clock.advance(Duration.between(clock.instant(), served.getNextUpdate().toInstant()));
        X509CRLHolder now = new X509CRLHolder(fetch("/crl"));
        assertThat(now.getThisUpdate().toInstant()).isEqualTo(clock.instant());
        assertThat(now.getNextUpdate()).isAfter(served.getNextUpdate());
    }

    @Test
    void aRevocationCommittedByAnotherNodeShowsAfterOnePass() throws Exception {
        BigInteger serial = produce();
        assertThat(ocspPost(serial)).isNull(); // good, and now a pre-signed answer of this node
        // What another node's CertificateRevocation commits; this node gets no event for it.
        jdbc.update("UPDATE certificate SET status = 'REVOKED', revoked_at = ?, revocation_reason = ?, revoked_by = ?"
                + " WHERE serial = ?", Timestamp.from(clock.instant()), RevocationReason.KEY_COMPROMISE.code(),
                "clerk:node-2", new java.math.BigDecimal(serial));
        assertThat(ocspPost(serial)).isNull(); // still the pre-signed good answer

        regenerator.tick();
        assertThat(ocspPost(serial)).isInstanceOf(RevokedStatus.class);
        clock.advance(Duration.ofSeconds(1));
        regenerator.tick();
        assertThat(new X509CRLHolder((byte[]) stored("DELTA").get("der")).getRevokedCertificate(serial)).isNotNull();
    }

    @Test
    void ocspIsAnsweredOutsideTheSecurityChainWithoutASession() throws Exception {
        BigInteger serial = produce();
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/status/" + CA + "/ocsp"))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request(serial))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/ocsp-response");
        assertThat(response.headers().firstValue("Content-Length")).hasValue(Integer.toString(response.body().length));
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(new OCSPResp(response.body()).getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
    }

    private BigInteger produce() {
        ProductionResult produced = production.produce(order(KeyAlgorithm.ECDSA_P256));
        return produced.certificate().serial();
    }

    private long crlCounter() {
        return jdbc.queryForList("SELECT last_number FROM crl_number WHERE ca = ?", java.math.BigDecimal.class, CA)
                .stream().mapToLong(java.math.BigDecimal::longValueExact).findFirst().orElse(0);
    }

    private Map<String, Object> stored(String kind) {
        return jdbc.queryForMap("SELECT crl_number, next_update, der FROM crl WHERE ca = ? AND kind = ?", CA, kind);
    }

    private static BigInteger number(Map<String, Object> crl) {
        return ((java.math.BigDecimal) crl.get("crl_number")).toBigIntegerExact();
    }

    private byte[] fetch(String path) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/status/" + CA + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private byte[] request(BigInteger serial) throws Exception {
        X509CertificateHolder issuing = authorities.hierarchy(CA).orElseThrow().issuing().certificate();
        return new OCSPReqBuilder().addRequest(new CertificateID(new JcaDigestCalculatorProviderBuilder()
                .setProvider(Pki.provider()).build().get(CertificateID.HASH_SHA1), issuing, serial)).build().getEncoded();
    }

    /** The certificate status of an OCSP POST for {@code serial} ({@code null} is good). */
    private CertificateStatus ocspPost(BigInteger serial) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/status/" + CA + "/ocsp"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(request(serial))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return status(response);
    }

    private CertificateStatus ocspGet(BigInteger serial) throws Exception {
        String encoded = java.net.URLEncoder.encode(java.util.Base64.getEncoder().encodeToString(request(serial)),
                java.nio.charset.StandardCharsets.US_ASCII);
        return status(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/status/" + CA + "/ocsp/" + encoded)).build(),
                HttpResponse.BodyHandlers.ofByteArray()));
    }

    private static CertificateStatus status(HttpResponse<byte[]> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        OCSPResp ocsp = new OCSPResp(response.body());
        assertThat(ocsp.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        return ((BasicOCSPResp) ocsp.getResponseObject()).getResponses()[0].getCertStatus();
    }
}
