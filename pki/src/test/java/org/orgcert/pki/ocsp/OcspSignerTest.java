package org.orgcert.pki.ocsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orgcert.pki.Pki;
import org.orgcert.pki.PkiException;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.algorithm.PrivateKeySigner;
import org.orgcert.pki.ca.CaEndpoints;
import org.orgcert.pki.ca.CaFactory;
import org.orgcert.pki.ca.CaHierarchy;
import org.orgcert.pki.ca.CertificateAuthority;
import org.orgcert.pki.ca.CertifiedSigner;
import org.orgcert.pki.issue.CertificateIssuer;
import org.orgcert.pki.issue.CertificateSubject;
import org.orgcert.pki.issue.IssueRequest;
import org.orgcert.pki.profile.CertificateProfiles;
import org.orgcert.pki.testing.MutableClock;
import org.orgcert.pki.testing.TestCas;

/** Review finding 5: the responder checks its delegated signer, caps nextUpdate, and the signer is renewed. */
class OcspSignerTest {
    private static final KeyAlgorithm ALGORITHM = KeyAlgorithm.ECDSA_P256;
    private static final CertificateProfiles PROFILES = CertificateProfiles.builtIn();

    @TempDir
    Path dir;

    private static OcspResponder responder(CaHierarchy cas, CertifiedSigner signer, java.time.Clock clock,
            Duration validity) {
        return new OcspResponder(cas.issuing(), signer, serial -> CertificateStatus.GOOD, clock, OcspSettings.of(validity));
    }

    @Test
    void finding5_aSignerCertifiedByAnotherKeyUnderTheSameNameIsRefused() {
        CaHierarchy cas = TestCas.hierarchy(ALGORITHM);
        CaFactory factory = new CaFactory(PROFILES, java.time.Clock.systemUTC());
        // A second issuing CA with exactly the same name, under its own root: names match, keys do not.
        CertificateAuthority twinRoot = factory.createRoot(PrivateKeySigner.of(ALGORITHM.generateKeyPair()),
                cas.root().subject());
        CertificateAuthority twin = factory.createIssuing(twinRoot, PrivateKeySigner.of(ALGORITHM.generateKeyPair()),
                cas.issuing().subject(), cas.issuing().endpoints());
        CertifiedSigner foreign = factory.createOcspSigner(twin, PrivateKeySigner.of(ALGORITHM.generateKeyPair()),
                CaFactory.name("x", "twin responder"));
        assertThat(foreign.certificate().getIssuer()).isEqualTo(cas.issuing().subject());
        assertThatThrownBy(() -> responder(cas, foreign, java.time.Clock.systemUTC(), Duration.ofHours(1)))
                .isInstanceOf(PkiException.class).hasMessageContaining("not signed by")
                .satisfies(e -> assertThat(((PkiException) e).kind()).isEqualTo(PkiException.Kind.PATH));
    }

    @Test
    void finding5_aSignerWithoutOcspSigningIsRefused() {
        CaHierarchy cas = TestCas.hierarchy(ALGORITHM);
        PrivateKeySigner key = PrivateKeySigner.of(ALGORITHM.generateKeyPair());
        // An issuing-CA-signed certificate of another kind (no id-kp-OCSPSigning) for the key.
        var certificate = new CertificateIssuer(cas.issuing(), PROFILES, java.time.Clock.systemUTC())
                .issue(IssueRequest.of(CertificateProfiles.EMPLOYER_SIGNING, new CertificateSubject.Employer(
                        "昆明市测试科技有限公司", new org.orgcert.pki.name.Uscc("91110000600037341L")),
                        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded())))
                .holder();
        CertifiedSigner notAResponder = new CertifiedSigner(key, certificate, List.of(cas.issuing().certificate()));
        assertThatThrownBy(() -> responder(cas, notAResponder, java.time.Clock.systemUTC(), Duration.ofHours(1)))
                .isInstanceOf(PkiException.class).hasMessageContaining("OCSPSigning");
    }

    @Test
    void finding5_nextUpdateIsCappedAtTheSignersNotAfterAndAnExpiredSignerIsRefused() throws Exception {
        CaHierarchy cas = TestCas.hierarchy(ALGORITHM);
        Instant signerEnd = cas.ocspSigner().certificate().getNotAfter().toInstant();
        MutableClock clock = new MutableClock(Instant.now());
        OcspResponder responder = responder(cas, cas.ocspSigner(), clock, Duration.ofDays(200));
        SingleResp single = single(responder.respond(request(cas, BigInteger.TEN)));
        assertThat(single.getNextUpdate().toInstant()).isEqualTo(signerEnd);
        clock.advance(Duration.between(clock.instant(), signerEnd).plusSeconds(1));
        assertThatThrownBy(() -> responder(cas, cas.ocspSigner(), clock, Duration.ofHours(1)))
                .isInstanceOf(PkiException.class).hasMessageContaining("renew it");
        // A responder built before expiry does not sign with an expired signer: internalError.
        assertThat(new OCSPResp(responder.respond(request(cas, BigInteger.TWO))).getStatus())
                .isEqualTo(OCSPResp.INTERNAL_ERROR);
    }

    @Test
    void finding5_renewOcspSignerIfDueRenewsAtTheMarginAndWritesOcspP12() throws Exception {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        char[] passphrase = "renew-test".toCharArray();
        Path folder = dir.resolve("ca");
        CaEndpoints endpoints = CaEndpoints.under("http://127.0.0.1:8080/status/ecdsa-p256");
        CaHierarchy created = CaHierarchy.create(folder, passphrase, ALGORITHM, "测试", endpoints, PROFILES, clock);
        Duration margin = Duration.ofDays(30);

        clock.advance(Duration.ofDays(59));
        byte[] before = Files.readAllBytes(folder.resolve("ocsp.p12"));
        assertThat(created.renewOcspSignerIfDue(folder, passphrase, margin, PROFILES, clock)).isSameAs(created);
        assertThat(Files.readAllBytes(folder.resolve("ocsp.p12"))).isEqualTo(before);

        clock.advance(Duration.ofDays(2)); // 29 days left
        CaHierarchy renewed = created.renewOcspSignerIfDue(folder, passphrase, margin, PROFILES, clock);
        assertThat(renewed).isNotSameAs(created);
        assertThat(renewed.ocspSigner().certificate().getNotAfter().toInstant())
                .isEqualTo(clock.instant().plus(Duration.ofDays(90)));
        assertThat(renewed.ocspSigner().signer().publicKey()).isNotEqualTo(created.ocspSigner().signer().publicKey());
        assertThat(Files.exists(folder.resolve("ocsp.p12.tmp"))).isFalse();
        CaHierarchy loaded = CaHierarchy.load(folder, passphrase, endpoints);
        assertThat(loaded.ocspSigner().certificate()).isEqualTo(renewed.ocspSigner().certificate());

        // The old signer expires; the renewed one answers, and its responses verify with its key.
        clock.advance(Duration.ofDays(40));
        assertThatThrownBy(() -> responder(created, created.ocspSigner(), clock, Duration.ofHours(1)))
                .isInstanceOf(PkiException.class);
        OcspResponder responder = responder(loaded, loaded.ocspSigner(), clock, Duration.ofHours(1));
        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(responder.respond(request(loaded, BigInteger.TEN)))
                .getResponseObject();
        assertThat(basic.isSignatureValid(new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder()
                .setProvider(Pki.provider()).build(loaded.ocspSigner().certificate()))).isTrue();
    }

    private static byte[] request(CaHierarchy cas, BigInteger serial) throws Exception {
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().setProvider(Pki.provider()).build()
                .get(CertificateID.HASH_SHA1), cas.issuing().certificate(), serial);
        return new OCSPReqBuilder().addRequest(id).build().getEncoded();
    }

    private static SingleResp single(byte[] response) throws Exception {
        OCSPResp parsed = new OCSPResp(response);
        assertThat(parsed.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        return ((BasicOCSPResp) parsed.getResponseObject()).getResponses()[0];
    }
}
