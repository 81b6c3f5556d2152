package org.orgcert.pki.ocsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPRequest;
import org.bouncycastle.asn1.ocsp.TBSRequest;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orgcert.pki.Pki;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.ca.CaHierarchy;
import org.orgcert.pki.crl.RevocationReason;
import org.orgcert.pki.testing.MutableClock;
import org.orgcert.pki.testing.OpenSsl;
import org.orgcert.pki.testing.TestCas;

class OcspResponderTest {
    private static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private static final BigInteger GOOD = BigInteger.valueOf(0x1001);
    private static final BigInteger REVOKED = BigInteger.valueOf(0x1002);
    private static final BigInteger CANCELLED = BigInteger.valueOf(0x1004);
    private static final BigInteger UNKNOWN = BigInteger.valueOf(0x1003);
    private static final Instant REVOKED_AT = Instant.parse("2026-01-15T03:04:05Z");

    @TempDir
    Path dir;

    private final Map<BigInteger, CertificateStatus> store = new ConcurrentHashMap<>(Map.of(
            GOOD, CertificateStatus.GOOD,
            REVOKED, new CertificateStatus.Revoked(REVOKED_AT, RevocationReason.KEY_COMPROMISE),
            // R-CH-7: not collected within 45 days, cancelled
            CANCELLED, new CertificateStatus.Revoked(REVOKED_AT, RevocationReason.CESSATION_OF_OPERATION)));
    private final MutableClock clock = new MutableClock(NOW);

    private OcspResponder responder(CaHierarchy ca) {
        return new OcspResponder(ca.issuing(), ca.ocspSigner(),
                serial -> store.getOrDefault(serial, CertificateStatus.UNKNOWN), clock,
                OcspSettings.of(Duration.ofHours(1)));
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"ECDSA_P256", "RSA_3072"})
    void openSslAcceptsResponsesWithNonceAndSeveralSingleRequests(KeyAlgorithm algorithm) throws IOException {
        CaHierarchy ca = TestCas.hierarchy(algorithm);
        writeCertificates(ca);
        OcspResponder responder = responder(ca);
        OpenSsl.Result request = OpenSsl.run(dir, "ocsp", "-issuer", "issuing.pem", "-serial", "0x1001",
                "-serial", "0x1002", "-serial", "0x1003", "-serial", "0x1004", "-reqout", "req.der");
        assertThat(request.ok()).as(request.output()).isTrue();
        byte[] response = responder.respond(Files.readAllBytes(dir.resolve("req.der")));
        OpenSsl.write(dir.resolve("resp.der"), response);

        // OpenSSL 3.0 builds a new request (with a new nonce) when -serial is given, ignoring -reqin; so the
        // nonce is checked against req.der with -reqin alone, and the statuses are read from -resp_text.
        OpenSsl.Result check = OpenSsl.run(dir, "ocsp", "-respin", "resp.der", "-reqin", "req.der",
                "-CAfile", "root.pem", "-verify_other", "issuing.pem", "-resp_text");
        String text = check.output().replaceAll("\\s+", " ");
        assertThat(check.ok()).as(check.output()).isTrue();
        assertThat(text).as(check.output())
                .contains("Response verify OK", "Serial Number: 1001 Cert Status: good",
                        "Serial Number: 1002 Cert Status: revoked Revocation Time: Jan 15 03:04:05 2026 GMT "
                                + "Revocation Reason: keyCompromise (0x1)",
                        "Serial Number: 1003 Cert Status: unknown",
                        "Serial Number: 1004 Cert Status: revoked", "Revocation Reason: cessationOfOperation (0x5)",
                        "OCSP Nonce:", "Next Update:")
                .containsPattern("Responder Id: [0-9A-F]{40} ")
                .doesNotContain("WARNING", "Nonce Verify error", "Responder Id: C =");
        assertThat(responder.cachedResponses()).as("requests with a nonce are signed fresh, not cached").isZero();
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"ECDSA_P256", "RSA_3072"})
    void openSslAcceptsCachedResponsesToRequestsWithoutNonce(KeyAlgorithm algorithm) throws IOException {
        CaHierarchy ca = TestCas.hierarchy(algorithm);
        writeCertificates(ca);
        OcspResponder responder = responder(ca);
        assertThat(OpenSsl.run(dir, "ocsp", "-issuer", "issuing.pem", "-serial", "0x1002", "-no_nonce",
                "-reqout", "req.der").ok()).isTrue();
        byte[] requestDer = Files.readAllBytes(dir.resolve("req.der"));
        byte[] first = responder.respond(requestDer);
        assertThat(responder.cachedResponses()).isEqualTo(1);
        assertThat(responder.respond(requestDer)).isEqualTo(first);
        OpenSsl.write(dir.resolve("resp.der"), first);
        // Here -serial is safe: neither request has a nonce, and it makes OpenSSL print the status line.
        OpenSsl.Result check = OpenSsl.run(dir, "ocsp", "-respin", "resp.der", "-issuer", "issuing.pem",
                "-serial", "0x1002", "-no_nonce", "-CAfile", "root.pem", "-verify_other", "issuing.pem");
        assertThat(check.output()).as(check.output())
                .contains("Response verify OK", "0x1002: revoked", "Reason: keyCompromise");
    }

    @Test
    void sm2ResponsesVerifyWithBouncyCastle() throws Exception {
        CaHierarchy ca = TestCas.hierarchy(KeyAlgorithm.SM2);
        OcspResponder responder = responder(ca);
        byte[] nonce = new byte[16];
        new Random(7).nextBytes(nonce);
        byte[] request = request(ca, CertificateID.HASH_SHA1, nonce, GOOD, REVOKED, UNKNOWN);
        BasicOCSPResp basic = successful(responder.respond(request));
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Pki.provider())
                .build(ca.ocspSigner().certificate()))).isTrue();
        assertThat(basic.getCerts()).containsExactly(ca.ocspSigner().certificate());
        assertThat(DEROctetString.getInstance(basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)
                .getParsedValue()).getOctets()).isEqualTo(nonce);
        SingleResp[] singles = basic.getResponses();
        assertThat(singles).hasSize(3);
        assertThat(singles[0].getCertStatus()).isNull(); // BC's GOOD
        RevokedStatus revoked = (RevokedStatus) singles[1].getCertStatus();
        assertThat(revoked.getRevocationTime().toInstant()).isEqualTo(REVOKED_AT);
        assertThat(revoked.getRevocationReason()).isEqualTo(CRLReason.keyCompromise);
        assertThat(singles[2].getCertStatus()).isInstanceOf(UnknownStatus.class);
        assertThat(singles[0].getThisUpdate().toInstant()).isEqualTo(NOW);
        assertThat(singles[0].getNextUpdate().toInstant()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(basic.getProducedAt().toInstant()).isEqualTo(NOW);
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void answersCertIdsHashedWithSha256AndSm3AndEchoesThemExactly(KeyAlgorithm algorithm) throws Exception {
        CaHierarchy ca = TestCas.hierarchy(algorithm);
        OcspResponder responder = responder(ca);
        for (AlgorithmIdentifier hash : List.of(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256),
                new AlgorithmIdentifier(GMObjectIdentifiers.sm3), CertificateID.HASH_SHA1)) {
            for (byte[] nonce : Arrays.asList(null, new byte[] {1, 2, 3})) {
                byte[] request = request(ca, hash, nonce, REVOKED);
                BasicOCSPResp basic = successful(responder.respond(request));
                CertificateID sent = new org.bouncycastle.cert.ocsp.OCSPReq(request).getRequestList()[0].getCertID();
                assertThat(basic.getResponses()[0].getCertID()).isEqualTo(sent);
                assertThat(basic.getResponses()[0].getCertID().toASN1Primitive().getEncoded())
                        .isEqualTo(sent.toASN1Primitive().getEncoded());
                assertThat(basic.getResponses()[0].getCertStatus()).isInstanceOf(RevokedStatus.class);
                assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Pki.provider())
                        .build(ca.ocspSigner().certificate()))).isTrue();
            }
        }
    }

    @Test
    void cachedResponsesAreIdenticalUntilInvalidatedThenShowTheNewStatus() throws Exception {
        CaHierarchy ca = TestCas.hierarchy(KeyAlgorithm.ECDSA_P256);
        OcspResponder responder = responder(ca);
        byte[] request = request(ca, CertificateID.HASH_SHA1, null, GOOD);
        byte[] first = responder.respond(request);
        byte[] second = responder.respond(request);
        assertThat(second).isEqualTo(first).isNotSameAs(first);
        second[second.length - 1] ^= 1; // a caller scribbling on its copy does not reach the cache
        assertThat(responder.respond(request)).isEqualTo(first);

        // The store changes; the cache keeps answering until the server invalidates (after its commit).
        store.put(GOOD, new CertificateStatus.Revoked(NOW, RevocationReason.SUPERSEDED));
        assertThat(responder.respond(request)).isEqualTo(first);
        responder.invalidate(GOOD);
        byte[] afterRevocation = responder.respond(request);
        assertThat(afterRevocation).isNotEqualTo(first);
        RevokedStatus status = (RevokedStatus) successful(afterRevocation).getResponses()[0].getCertStatus();
        assertThat(status.getRevocationReason()).isEqualTo(CRLReason.superseded);
        assertThat(responder.respond(request)).isEqualTo(afterRevocation);

        // refresh re-signs immediately: the next answer is already the new one, and no request signs it.
        store.put(GOOD, new CertificateStatus.Revoked(NOW, RevocationReason.KEY_COMPROMISE));
        responder.refresh(GOOD);
        byte[] refreshed = responder.respond(request);
        assertThat(((RevokedStatus) successful(refreshed).getResponses()[0].getCertStatus()).getRevocationReason())
                .isEqualTo(CRLReason.keyCompromise);
        assertThat(responder.respond(request)).isEqualTo(refreshed);
    }

    @Test
    void cachedResponsesAreSignedAgainNearNextUpdate() throws Exception {
        CaHierarchy ca = TestCas.hierarchy(KeyAlgorithm.ECDSA_P256);
        OcspResponder responder = responder(ca); // validity 1 h, re-sign in the last 15 min
        byte[] request = request(ca, CertificateID.HASH_SHA1, null, GOOD);
        byte[] first = responder.respond(request);
        clock.advance(Duration.ofMinutes(44));
        assertThat(responder.respond(request)).isEqualTo(first);
        clock.advance(Duration.ofMinutes(1));
        byte[] resigned = responder.respond(request);
        assertThat(resigned).isNotEqualTo(first);
        assertThat(successful(resigned).getProducedAt().toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(45)));
        assertThat(successful(resigned).getResponses()[0].getNextUpdate().toInstant())
                .isEqualTo(NOW.plus(Duration.ofMinutes(105)));
    }

    @Test
    void unknownSerialsAreNotCachedSoTheyBecomeGoodWithoutInvalidation() throws Exception {
        CaHierarchy ca = TestCas.hierarchy(KeyAlgorithm.ECDSA_P256);
        OcspResponder responder = responder(ca);
        byte[] request = request(ca, CertificateID.HASH_SHA1, null, UNKNOWN);
        assertThat(successful(responder.respond(request)).getResponses()[0].getCertStatus())
                .isInstanceOf(UnknownStatus.class);
        assertThat(responder.cachedResponses()).isZero();
        store.put(UNKNOWN, CertificateStatus.GOOD);
        assertThat(successful(responder.respond(request)).getResponses()[0].getCertStatus()).isNull();
    }

    @Test
    void otherCasCertIdsAreUnknownOrUnauthorized() throws Exception {
        CaHierarchy ours = TestCas.hierarchy(KeyAlgorithm.ECDSA_P256);
        CaHierarchy other = TestCas.hierarchy(KeyAlgorithm.RSA_3072);
        OcspResponder responder = responder(ours);
        assertThat(new OCSPResp(responder.respond(request(other, CertificateID.HASH_SHA1, null, GOOD))).getStatus())
                .isEqualTo(OCSPResp.UNAUTHORIZED);
        assertThat(new OCSPResp(responder.respond(request(other, CertificateID.HASH_SHA1, new byte[] {9}, GOOD)))
                .getStatus()).isEqualTo(OCSPResp.UNAUTHORIZED);

        // Mixed: ours answered, the other CA's CertID unknown.
        DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().setProvider(Pki.provider()).build();
        byte[] mixed = new OCSPReqBuilder()
                .addRequest(new CertificateID(digests.get(CertificateID.HASH_SHA1), ours.issuing().certificate(), GOOD))
                .addRequest(new CertificateID(digests.get(CertificateID.HASH_SHA1), other.issuing().certificate(), GOOD))
                .build().getEncoded();
        SingleResp[] singles = successful(responder.respond(mixed)).getResponses();
        assertThat(singles[0].getCertStatus()).isNull();
        assertThat(singles[1].getCertStatus()).isInstanceOf(UnknownStatus.class);
    }

    @Test
    void statusSourceFailureIsAnInternalError() throws Exception {
        CaHierarchy ca = TestCas.hierarchy(KeyAlgorithm.ECDSA_P256);
        OcspResponder responder = new OcspResponder(ca.issuing(), ca.ocspSigner(), serial -> {
            throw new IllegalStateException("database down");
        }, clock, OcspSettings.of(Duration.ofHours(1)));
        assertThat(new OCSPResp(responder.respond(request(ca, CertificateID.HASH_SHA1, null, GOOD))).getStatus())
                .isEqualTo(OCSPResp.INTERNAL_ERROR);
        assertThat(new OCSPResp(responder.respond(request(ca, CertificateID.HASH_SHA1, new byte[] {1}, GOOD, REVOKED)))
                .getStatus()).isEqualTo(OCSPResp.INTERNAL_ERROR);
    }

    @Test
    void malformedRequestsGetMalformedRequestAndNeverThrow() throws Exception {
        CaHierarchy ca = TestCas.hierarchy(KeyAlgorithm.ECDSA_P256);
        OcspResponder responder = responder(ca);
        byte[] withNonce = request(ca, CertificateID.HASH_SHA1, new byte[16], GOOD, REVOKED);
        byte[] plain = request(ca, CertificateID.HASH_SHA1, null, GOOD);

        assertMalformed(responder, new byte[0]);
        assertMalformed(responder, null);
        for (byte[] valid : List.of(withNonce, plain)) {
            for (int length = 0; length < valid.length; length++) {
                assertMalformed(responder, Arrays.copyOf(valid, length));
            }
            byte[] trailing = Arrays.copyOf(valid, valid.length + 1);
            assertMalformed(responder, trailing);
        }
        Random random = new Random(6960);
        for (int i = 0; i < 2_000; i++) {
            byte[] noise = new byte[random.nextInt(300)];
            random.nextBytes(noise);
            if (i % 2 == 0 && noise.length > 2) {
                noise[0] = 0x30; // get past the first tag check more often
                noise[1] = (byte) (noise.length - 2 < 0x80 ? noise.length - 2 : 0x7f);
            }
            assertMalformed(responder, noise);
        }
        // Oversized: a structurally fine request padded past 64 KiB with a huge nonce-like extension.
        assertMalformed(responder, request(ca, CertificateID.HASH_SHA1, new byte[70_000], GOOD));
        // A nonce over 32 octets (RFC 8954).
        assertMalformed(responder, request(ca, CertificateID.HASH_SHA1, new byte[33], GOOD));
        // Zero single requests.
        assertMalformed(responder, new OCSPRequest(new TBSRequest(null, new DERSequence(), (Extensions) null), null)
                .getEncoded());
        // Too many single requests.
        BigInteger[] many = new BigInteger[OcspResponder.MAX_SINGLE_REQUESTS + 1];
        Arrays.fill(many, GOOD);
        assertMalformed(responder, request(ca, CertificateID.HASH_SHA1, null, many));
        // Version v2 does not exist.
        ASN1EncodableVector tbs = new ASN1EncodableVector();
        tbs.add(new DERTaggedObject(true, 0, new ASN1Integer(1)));
        tbs.add(new DERSequence(new org.bouncycastle.asn1.ocsp.Request(
                new org.bouncycastle.cert.ocsp.OCSPReq(plain).getRequestList()[0].getCertID().toASN1Primitive(),
                null)));
        assertMalformed(responder, new DERSequence(new DERSequence(tbs)).getEncoded());
        // Deep nesting within the size limit.
        byte[] nested = new byte[60_000];
        for (int i = 0; i < nested.length; i += 2) {
            nested[i] = 0x30;
            nested[i + 1] = (byte) 0x80;
        }
        assertMalformed(responder, nested);
    }

    @Test
    void bitFlippedRequestsNeverThrow() throws Exception {
        CaHierarchy ca = TestCas.hierarchy(KeyAlgorithm.ECDSA_P256);
        OcspResponder responder = responder(ca);
        byte[] valid = request(ca, CertificateID.HASH_SHA1, new byte[8], GOOD, REVOKED);
        Random random = new Random(5280);
        for (int i = 0; i < 3_000; i++) {
            byte[] mutated = valid.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                mutated[random.nextInt(mutated.length)] ^= (byte) (1 << random.nextInt(8));
            }
            OCSPResp response = new OCSPResp(responder.respond(mutated));
            assertThat(response.getStatus()).isIn(OCSPResp.SUCCESSFUL, OCSPResp.MALFORMED_REQUEST, OCSPResp.UNAUTHORIZED);
        }
    }

    /** Review finding 6: RFC 8954 nonces are OCTET STRINGs of 1 to 32 octets; BER requests are malformed. */
    @Test
    void finding6_emptyOrNonOctetStringNoncesAndBerRequestsAreMalformed() throws Exception {
        CaHierarchy ca = TestCas.hierarchy(KeyAlgorithm.ECDSA_P256);
        OcspResponder responder = responder(ca);
        assertMalformed(responder, withNonceValue(ca, new byte[] {0x04, 0x00}));
        assertMalformed(responder, withNonceValue(ca, new byte[] {0x02, 0x01, 0x05}));
        assertMalformed(responder, withNonceValue(ca, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
        assertMalformed(responder, request(ca, CertificateID.HASH_SHA1, new byte[33], GOOD));
        assertThat(new OCSPResp(responder.respond(request(ca, CertificateID.HASH_SHA1, new byte[32], GOOD))).getStatus())
                .isEqualTo(OCSPResp.SUCCESSFUL);
        byte[] der = request(ca, CertificateID.HASH_SHA1, new byte[] {9}, GOOD, REVOKED);
        assertMalformed(responder, org.orgcert.pki.DerStrictnessTest.indefinite(der));
        assertMalformed(responder, org.orgcert.pki.DerStrictnessTest.nonMinimal(der));
        byte[] plain = request(ca, CertificateID.HASH_SHA1, null, GOOD);
        assertMalformed(responder, org.orgcert.pki.DerStrictnessTest.nonMinimal(plain)); // the fast path too
    }

    private static byte[] withNonceValue(CaHierarchy ca, byte[] extensionValue) throws Exception {
        DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().setProvider(Pki.provider()).build();
        return new OCSPReqBuilder().addRequest(new CertificateID(digests.get(CertificateID.HASH_SHA1),
                ca.issuing().certificate(), GOOD)).setRequestExtensions(new Extensions(new Extension(
                OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, extensionValue))).build().getEncoded();
    }

    private static void assertMalformed(OcspResponder responder, byte[] request) throws Exception {
        byte[] response = responder.respond(request);
        OCSPResp parsed = new OCSPResp(response);
        assertThat(parsed.getStatus()).as("request of %s bytes", request == null ? "null" : request.length)
                .isEqualTo(OCSPResp.MALFORMED_REQUEST);
        assertThat(parsed.getResponseObject()).isNull();
    }

    private static BasicOCSPResp successful(byte[] response) throws Exception {
        OCSPResp parsed = new OCSPResp(response);
        assertThat(parsed.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        return (BasicOCSPResp) parsed.getResponseObject();
    }

    /** A request as a Java relying party would build it with Bouncy Castle. */
    private static byte[] request(CaHierarchy ca, AlgorithmIdentifier hash, byte[] nonce, BigInteger... serials)
            throws Exception {
        DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().setProvider(Pki.provider()).build();
        OCSPReqBuilder builder = new OCSPReqBuilder();
        for (BigInteger serial : serials) {
            builder.addRequest(new CertificateID(digests.get(hash), ca.issuing().certificate(), serial));
        }
        if (nonce != null) {
            builder.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                    new DEROctetString(nonce).getEncoded())));
        }
        return builder.build().getEncoded();
    }

    private void writeCertificates(CaHierarchy ca) throws IOException {
        OpenSsl.writePem(dir.resolve("root.pem"), "CERTIFICATE", ca.root().certificate().getEncoded());
        OpenSsl.writePem(dir.resolve("issuing.pem"), "CERTIFICATE", ca.issuing().certificate().getEncoded());
        X509CertificateHolder ocsp = ca.ocspSigner().certificate();
        OpenSsl.writePem(dir.resolve("ocsp.pem"), "CERTIFICATE", ocsp.getEncoded());
    }
}
