package org.orgcert.server.status;

import org.orgcert.server.ServedChain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orgcert.pki.Pki;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.crl.RevocationReason;
import org.orgcert.pki.testing.OpenSsl;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.certificate.CertificateRevocation;
import org.orgcert.server.issuance.ProductionResult;
import org.orgcert.server.issuance.ProductionService;
import org.orgcert.server.issuance.ProductionTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The status services relying platforms fetch (RFC 5280, RFC 6960), checked over real HTTP with OpenSSL
 * as the independent client.
 */
@ServiceTest
@AutoConfigureRestTestClient
class StatusEndpointsTest extends ProductionTestBase {
    private static final byte[] MALFORMED_REQUEST = {0x30, 0x03, 0x0a, 0x01, 0x01};

    @Autowired
    ProductionService production;
    @Autowired
    CertificateRevocation revocation;
    @Autowired
    RestTestClient client;
    @Autowired
    CrlRegenerator regenerator;
    @LocalServerPort
    int port;
    @TempDir
    Path dir;


    @Test
    void rUse_openSslOcspSaysGoodThenRevokedAfterALostKey() {
        ProductionResult produced = production.produce(order(KeyAlgorithm.ECDSA_P256));
        ServedChain chain = ServedChain.download(client, dir, "ecdsa-p256",
                produced.certificate().certificate().orElseThrow());
        Path root = chain.root();
        Path ca = chain.issuing();
        Path cert = chain.employer();
        String url = "http://127.0.0.1:" + port + "/status/ecdsa-p256/ocsp";

        OpenSsl.Result good = OpenSsl.run(dir, atServiceTime("ocsp", "-issuer", ca.toString(), "-cert", cert.toString(),
                "-url", url, "-CAfile", root.toString(), "-verify_other", ca.toString()));
        assertThat(good.output()).contains("Response verify OK").contains("employer.pem: good");

        revocation.revoke(produced.certificate().serial(), RevocationReason.KEY_COMPROMISE, "clerk:wuhua-1"); // R-FEE-2
        OpenSsl.Result revoked = OpenSsl.run(dir, atServiceTime("ocsp", "-issuer", ca.toString(), "-cert",
                cert.toString(), "-url", url, "-CAfile", root.toString(), "-verify_other", ca.toString()));
        assertThat(revoked.output()).contains("Response verify OK").contains("employer.pem: revoked")
                .contains("keyCompromise");
    }

    @Test
    void rUse_theCrlIsReissuedAfterARevocationAndOpenSslVerifiesIt() throws Exception {
        ProductionResult produced = production.produce(order(KeyAlgorithm.ECDSA_P256));
        regenerator.tick();
        BigInteger before = crlNumber(new X509CRLHolder(crl("/status/ecdsa-p256/crl")));
        revocation.revoke(produced.certificate().serial(), RevocationReason.CESSATION_OF_OPERATION, "clerk:wuhua-1");
        // The background regenerator (run by hand here, at the test clock's time) reissues the full CRL five
        // minutes after a change; the delta CRL within a second (FreshStatusTest).
        clock.advance(java.time.Duration.ofMinutes(5));
        regenerator.tick();

        byte[] der = crl("/status/ecdsa-p256/crl");
        X509CRLHolder full = new X509CRLHolder(der);
        assertThat(crlNumber(full)).isGreaterThan(before);
        assertThat(full.getRevokedCertificate(produced.certificate().serial())).isNotNull();
        Path ca = OpenSsl.writePem(dir.resolve("ca.pem"), "CERTIFICATE", get("/status/ecdsa-p256/ca.cer"));
        Path crl = OpenSsl.writePem(dir.resolve("crl.pem"), "X509 CRL", der);
        assertThat(OpenSsl.run(dir, "crl", "-in", crl.toString(), "-CAfile", ca.toString(), "-noout", "-verify")
                .output()).contains("verify OK");
        assertThat(OpenSsl.run(dir, "crl", "-in", crl.toString(), "-noout", "-text").output())
                .contains(produced.certificate().serialHex()).contains("Cessation Of Operation");
        // Unchanged until the next revocation or hour: the same bytes again.
        regenerator.tick();
        assertThat(crl("/status/ecdsa-p256/crl")).isEqualTo(der);

        X509CRLHolder delta = new X509CRLHolder(crl("/status/ecdsa-p256/delta-crl"));
        X509CertificateHolder issuing = new X509CertificateHolder(get("/status/ecdsa-p256/ca.cer"));
        assertThat(delta.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Pki.provider())
                .build(issuing))).isTrue();
        assertThat(ASN1Integer.getInstance(delta.getExtension(Extension.deltaCRLIndicator).getParsedValue())
                .getValue()).isEqualTo(crlNumber(new X509CRLHolder(crl("/status/ecdsa-p256/crl"))));
        assertThat(delta.getRevokedCertificate(produced.certificate().serial())).isNotNull();
        assertThat(crlNumber(delta)).isGreaterThan(crlNumber(full));
    }

    @Test
    void rUse_ocspGetFormOfAppendixA1() throws Exception {
        ProductionResult produced = production.produce(order(KeyAlgorithm.ECDSA_P256));
        X509CertificateHolder issuing = new X509CertificateHolder(get("/status/ecdsa-p256/ca.cer"));
        for (BigInteger serial : new BigInteger[] {produced.certificate().serial(), BigInteger.valueOf(0x1001)}) {
            byte[] request = new OCSPReqBuilder().addRequest(new CertificateID(new JcaDigestCalculatorProviderBuilder()
                    .setProvider(Pki.provider()).build().get(CertificateID.HASH_SHA1), issuing, serial)).build().getEncoded();
            String encoded = URLEncoder.encode(Base64.getEncoder().encodeToString(request), StandardCharsets.US_ASCII);
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/status/ecdsa-p256/ocsp/" + encoded)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/ocsp-response");
            OCSPResp ocsp = new OCSPResp(response.body());
            assertThat(ocsp.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
            var single = ((BasicOCSPResp) ocsp.getResponseObject()).getResponses()[0];
            if (serial.equals(produced.certificate().serial())) {
                assertThat(single.getCertStatus()).isNull(); // good
            } else {
                assertThat(single.getCertStatus()).isNotNull().isNotInstanceOf(RevokedStatus.class); // unknown
            }
        }
    }

    @Test
    void anOversizedOcspBodyIsMalformedAndAnUnknownCaIs404() {
        byte[] body = new byte[OcspRequests.LIMIT + 100];
        assertThat(client.post().uri("/status/ecdsa-p256/ocsp").contentType(MediaType.parseMediaType(
                "application/ocsp-request")).body(body).exchange().expectStatus().isOk()
                .returnResult(byte[].class).getResponseBody()).isEqualTo(MALFORMED_REQUEST);
        for (String path : new String[] {"/status/nope/crl", "/status/nope/ca.cer", "/status/rsa-3072/root.cer"}) {
            assertThat(client.get().uri(path).exchange().expectStatus().isNotFound()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .returnResult(String.class).getResponseBody()).contains("unknown-ca");
        }
        client.post().uri("/status/nope/ocsp").body(new byte[] {0x30, 0x00}).exchange().expectStatus().isNotFound();
    }

    private byte[] get(String path) {
        return client.get().uri(path).exchange().expectStatus().isOk().returnResult(byte[].class).getResponseBody();
    }

    private byte[] crl(String path) {
        return client.get().uri(path).exchange().expectStatus().isOk()
                .expectHeader().contentType("application/pkix-crl").returnResult(byte[].class).getResponseBody();
    }

    private static BigInteger crlNumber(X509CRLHolder crl) {
        return ASN1Integer.getInstance(crl.getExtension(Extension.cRLNumber).getParsedValue()).getValue();
    }
}
