package org.orgcert.server.issuance;

import org.orgcert.server.ServedChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orgcert.pki.Pki;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.csr.CsrParser;
import org.orgcert.pki.issue.CertificateSubject;
import org.orgcert.pki.issue.EmployerNames;
import org.orgcert.pki.issue.IssueRequest;
import org.orgcert.pki.issue.PreparedCertificate;
import org.orgcert.pki.profile.CertificateProfiles;
import org.orgcert.pki.testing.OpenSsl;
import org.orgcert.server.KeyHolders;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.TestActors;
import org.orgcert.server.TestUscc;
import org.orgcert.server.application.ApplicationEvent;
import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.application.ApplicationState;
import org.orgcert.server.application.ProductionStep;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.certificate.CertificateState;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.certificate.NewCertificate;
import org.orgcert.token.Token;
import org.orgcert.token.TokenState;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Production of USB keys and certificates (R-CERT-2): on the token, verifiable, exactly once. */
@ServiceTest
@AutoConfigureRestTestClient
class ProductionServiceTest extends ProductionTestBase {
    @Autowired
    ProductionService production;
    @Autowired
    CertificateStore store;
    @Autowired
    TokenStock stock;
    @Autowired
    CertificateAuthorities authorities;
    @Autowired
    CertificateProfiles profiles;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RestTestClient client;
    @Autowired
    ProductionStep step;
    @Autowired
    ApplicationService applications;
    @Autowired
    ApplicationContext context;
    @TempDir
    Path dir;

    @Test
    void rCert2_theTokenHoldsTheKeyAndTheCertificateAndSignsWithTheInitialPin() throws Exception {
        ProductionOrder order = order(null); // orgcert.issuance.algorithm: SM2 by default
        ProductionResult result = production.produce(order);

        assertThat(result.outcome()).isEqualTo(ProductionResult.Outcome.PRODUCED);
        CertificateRecord certificate = result.certificate();
        assertThat(certificate.state()).isEqualTo(CertificateState.VALID);
        assertThat(certificate.ca()).isEqualTo("sm2");
        assertThat(store.findByApplication(order.applicationId())).get()
                .extracting(CertificateRecord::serial).isEqualTo(certificate.serial());
        assertThat(store.findByUscc(USCC)).extracting(CertificateRecord::serial).contains(certificate.serial());

        char[] pin = result.initialPin().orElseThrow().reveal();
        assertThat(pin).hasSizeBetween(6, 16);
        Token token = stock.open(result.tokenSerial());
        assertThat(token.info().state()).isEqualTo(TokenState.PERSONALISED);
        byte[] der = certificate.certificate().orElseThrow();
        assertThat(token.certificate()).get().isEqualTo(der);
        X509CertificateHolder holder = new X509CertificateHolder(der);
        assertThat(EmployerNames.uscc(holder.getSubject())).isEqualTo(USCC.value());
        assertThat(EmployerNames.organisation(holder.getSubject())).isEqualTo(order.employerName());
        assertThat(holder.getSerialNumber()).isEqualTo(certificate.serial());
        // The certificate's TBS is exactly the one recorded before signing.
        assertThat(Certificate.getInstance(der).getTBSCertificate().getEncoded()).isEqualTo(certificate.tbs());

        byte[] data = "劳动合同备案 2026-0001".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] signature = token.sign(pin, data);
        assertThat(verifies(holder, data, signature)).isTrue();

        // Every step is audited, and the PIN is nowhere in the audit log.
        assertThat(jdbc.queryForList("SELECT action FROM audit_record WHERE subject_id IN (?, ?) ORDER BY id",
                String.class, certificate.serialHex(), result.tokenSerial()))
                .containsExactly("token.taken", "certificate.recorded", "certificate.signed", "token.certificate-loaded");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE detail LIKE ? OR subject_id LIKE ?",
                Integer.class, "%" + new String(pin) + "%", "%" + new String(pin) + "%")).isZero();
        assertThat(result.toString()).doesNotContain(new String(pin));
    }

    @Test
    void rCert2_aSecondCallReturnsTheSameCertificateWithoutAPin() {
        ProductionOrder order = order(KeyAlgorithm.ECDSA_P256);
        ProductionResult first = production.produce(order);
        ProductionResult second = production.produce(order);
        assertThat(second.outcome()).isEqualTo(ProductionResult.Outcome.ALREADY_PRODUCED);
        assertThat(second.certificate().serial()).isEqualTo(first.certificate().serial());
        assertThat(second.tokenSerial()).isEqualTo(first.tokenSerial());
        assertThat(second.initialPin()).isEmpty();
    }

    @Test
    void rCert2_twoRacingCallsGiveOneCertificateRowAndOneSignature() throws Exception {
        ProductionOrder order = order(KeyAlgorithm.ECDSA_P256);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ProductionResult>> futures = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Callable<ProductionResult> call = () -> {
                start.await();
                return production.produce(order);
            };
            futures.add(pool.submit(call));
        }
        start.countDown();
        List<ProductionResult> results = new ArrayList<>();
        for (Future<ProductionResult> future : futures) {
            results.add(future.get());
        }
        pool.shutdown();

        assertThat(results).extracting(r -> r.certificate().serial()).containsOnly(results.get(0).certificate().serial());
        assertThat(results).extracting(ProductionResult::outcome)
                .containsExactlyInAnyOrder(ProductionResult.Outcome.PRODUCED, ProductionResult.Outcome.ALREADY_PRODUCED);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM certificate WHERE application_id = ?", Integer.class,
                order.applicationId())).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE action = 'certificate.signed'"
                + " AND subject_id = ?", Integer.class, results.get(0).certificate().serialHex())).isEqualTo(1);
    }

    @Test
    void rCert2_aCrashBetweenRecordAndSignIsCompletedFromTheRecordedTbs() throws Exception {
        // What a crashed production leaves: a personalised token and a committed ISSUING row, never signed.
        ProductionOrder order = order(KeyAlgorithm.ECDSA_P256);
        char[] lostPin = "lost4096pin".toCharArray();
        Token token = stock.takeBlank(stock.reserveSerial(), lostPin, USCC.value());
        token.generateKeyPair(lostPin, KeyAlgorithm.ECDSA_P256);
        CertificateSubject.Employer employer = new CertificateSubject.Employer(order.employerName(), USCC);
        byte[] csr = token.createCsr(lostPin,
                EmployerNames.subject(employer, profiles.get(CertificateProfiles.EMPLOYER_SIGNING)));
        CertificateAuthorities.Ca ca = authorities.forAlgorithm(KeyAlgorithm.ECDSA_P256);
        PreparedCertificate prepared = ca.issuer().prepare(IssueRequest.of(CertificateProfiles.EMPLOYER_SIGNING,
                employer, new CsrParser().parse(csr).publicKey()));
        transaction.executeWithoutResult(s -> store.record(new NewCertificate(order.applicationId(), ca.label(),
                USCC, order.employerName(), "ecdsa-p256", prepared, token.info().serial())));
        assertThat(store.findByApplication(order.applicationId())).get()
                .extracting(CertificateRecord::state).isEqualTo(CertificateState.ISSUING);

        ProductionResult result = production.produce(order);

        assertThat(result.outcome()).isEqualTo(ProductionResult.Outcome.RESUMED);
        assertThat(result.certificate().serial()).isEqualTo(prepared.serial());
        assertThat(result.certificate().state()).isEqualTo(CertificateState.VALID);
        byte[] der = result.certificate().certificate().orElseThrow();
        assertThat(Certificate.getInstance(der).getTBSCertificate().getEncoded()).isEqualTo(prepared.tbs());
        // The first PIN died with the crash: the token was unblocked with a new one, which works.
        Token reopened = stock.open(result.tokenSerial());
        assertThat(reopened.certificate()).get().isEqualTo(der);
        char[] pin = result.initialPin().orElseThrow().reveal();
        byte[] data = {1, 2, 3};
        assertThat(verifies(new X509CertificateHolder(der), data, reopened.sign(pin, data))).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM certificate WHERE application_id = ?", Integer.class,
                order.applicationId())).isEqualTo(1);
        assertThat(production.produce(order).outcome()).isEqualTo(ProductionResult.Outcome.ALREADY_PRODUCED);
    }

    /**
     * An approved application whose production crashed after the certificate was imported into the key and
     * before COMPLETE_PRODUCTION committed (review of issue 12, finding 8): the application is IN_PRODUCTION, the
     * key holds its certificate, and the PIN that call set died with it, seen by nobody.
     */
    private UUID crashedAfterTheImport() {
        var uscc = TestUscc.next();
        UUID id = new KeyHolders(context).approved(uscc, KeyHolders.NAME, ApplicationKind.NEW).id();
        applications.apply(id, ApplicationEvent.START_PRODUCTION, TestActors.OPERATOR, null);
        ProductionResult crashed = production.produce(new ProductionOrder(id, KeyHolders.NAME, uscc, null,
                TestActors.OPERATOR.auditName()));
        assertThat(stock.open(crashed.tokenSerial()).certificate()).isPresent();
        crashed.initialPin().orElseThrow().wipe(); // the crash: nobody ever sees this PIN
        assertThat(applications.get(id).state()).isEqualTo(ApplicationState.IN_PRODUCTION);
        return id;
    }

    @Test
    void rCert2_aProductionResumedAfterACrashPastTheImportShowsOnePinThatOpensTheKey() throws Exception {
        UUID id = crashedAfterTheImport();

        ProductionStep.Produced resumed = step.produce(id, TestActors.OPERATOR);

        assertThat(resumed.application().state()).isEqualTo(ApplicationState.PRODUCED);
        String pin = resumed.initialPinForSlip();
        assertThat(pin).as("the slip of the call that completes the production shows a PIN").isNotNull();
        Token token = stock.open(resumed.result().tokenSerial());
        byte[] der = resumed.result().certificate().certificate().orElseThrow();
        byte[] data = {4, 2};
        assertThat(verifies(new X509CertificateHolder(der), data, token.sign(pin.toCharArray(), data))).isTrue();
        // The new PIN is set through the bureau's unblock authority, audited, and the key keeps a full set of codes.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE action = 'token.pin-reset'"
                + " AND subject_id = ?", Integer.class, resumed.result().tokenSerial())).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE detail LIKE ?", Integer.class,
                "%" + pin + "%")).isZero();
        assertThat(token.info().unblockCodesLeft()).isEqualTo(org.orgcert.token.UnblockSeeds.DEFAULT_COUNT);

        // Once completed, no call hands out a PIN again.
        assertThatThrownBy(() -> step.produce(id, TestActors.OPERATOR)).isInstanceOf(Refusal.class);
        assertThat(production.produce(new ProductionOrder(id, KeyHolders.NAME, resumed.application().form().uscc(),
                null, TestActors.OPERATOR.auditName())).initialPin()).isEmpty();
        assertThat(token.sign(pin.toCharArray(), data)).as("the slip's PIN still opens the key").isNotEmpty();
    }

    @Test
    void rCert2_twoRacingResumptionsCompleteOnceAndTheOneSlipsPinOpensTheKey() throws Exception {
        UUID id = crashedAfterTheImport();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ProductionStep.Produced>> futures = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return step.produce(id, TestActors.OPERATOR);
            }));
        }
        start.countDown();
        List<String> pins = new ArrayList<>();
        String tokenSerial = null;
        for (Future<ProductionStep.Produced> future : futures) {
            try {
                ProductionStep.Produced produced = future.get();
                pins.add(produced.initialPinForSlip());
                tokenSerial = produced.result().tokenSerial();
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).as("the loser is refused").isInstanceOf(Refusal.class);
            }
        }
        pool.shutdown();

        assertThat(pins).hasSize(1).doesNotContainNull();
        Token token = stock.open(tokenSerial);
        byte[] data = {7};
        assertThat(token.sign(pins.get(0).toCharArray(), data)).isNotEmpty();
        assertThat(applications.get(id).state()).isEqualTo(ApplicationState.PRODUCED);
    }

    @Test
    void rCert2_openSslVerifiesAnEcdsaCertificateAgainstTheServedChain() {
        ProductionResult result = production.produce(order(KeyAlgorithm.ECDSA_P256));
        ServedChain chain = ServedChain.download(client, dir, "ecdsa-p256",
                result.certificate().certificate().orElseThrow());
        OpenSsl.Result verify = OpenSsl.run(dir, "verify", "-CAfile", chain.root().toString(), "-untrusted",
                chain.issuing().toString(), chain.employer().toString());
        assertThat(verify.output()).contains("employer.pem: OK");
        assertThat(verify.ok()).isTrue();
    }

    @Test
    void rCert2_openSslVerifiesAnSm2CertificateLinkByLink() {
        ProductionResult result = production.produce(order(KeyAlgorithm.SM2));
        ServedChain chain = ServedChain.download(client, dir, "sm2",
                result.certificate().certificate().orElseThrow());
        // OpenSSL 3.0 applies the SM2 ID to the target certificate only: verify link by link.
        assertThat(OpenSsl.run(dir, "verify", "-vfyopt", "distid:1234567812345678", "-CAfile",
                chain.root().toString(), chain.issuing().toString()).output()).contains("issuing.pem: OK");
        assertThat(OpenSsl.run(dir, "verify", "-partial_chain", "-vfyopt", "distid:1234567812345678",
                "-CAfile", chain.issuing().toString(), chain.employer().toString()).output())
                .contains("employer.pem: OK");
    }

    @Test
    void rCert5_theCertificateNamesThePlaceOfTheUsccsDivisionCodeAsOpenSslReadsIt() {
        // Registered in Qujing (530302): the certificate says 曲靖市, not the bureau's own 昆明市.
        ProductionOrder qujing = new ProductionOrder(java.util.UUID.randomUUID(), "曲靖市麒麟区测试有限公司",
                org.orgcert.pki.name.Uscc.complete("91", "530302", "MA6K0001"), KeyAlgorithm.ECDSA_P256, "clerk:wuhua-1");
        assertThat(subjectAsOpenSslReadsIt(production.produce(qujing), "qujing"))
                .contains("C = CN", "ST = 云南省", "L = 曲靖市", "O = 曲靖市麒麟区测试有限公司")
                .doesNotContain("昆明市");
        // A division code nobody can check (999900): no ST and no L at all.
        ProductionOrder unknown = new ProductionOrder(java.util.UUID.randomUUID(), "无名地区测试有限公司",
                org.orgcert.pki.name.Uscc.complete("91", "999900", "MA6K0002"), KeyAlgorithm.ECDSA_P256, "clerk:wuhua-1");
        assertThat(subjectAsOpenSslReadsIt(production.produce(unknown), "unknown"))
                .contains("C = CN", "O = 无名地区测试有限公司").doesNotContain("ST =", "L =");
    }

    private String subjectAsOpenSslReadsIt(ProductionResult result, String name) {
        Path der = OpenSsl.write(dir.resolve(name + ".der"), result.certificate().certificate().orElseThrow());
        OpenSsl.Result subject = OpenSsl.run(dir, "x509", "-inform", "DER", "-in", der.toString(), "-noout",
                "-subject", "-nameopt", "oneline,-esc_msb");
        assertThat(subject.ok()).as(subject.output()).isTrue();
        return subject.output();
    }

    @Test
    void generatedSecretsAreReadableByTheServiceOnly() throws Exception {
        for (Path secret : List.of(dataDir().resolve("ca/passphrase"), dataDir().resolve("keys/unblock-master.key"),
                dataDir().resolve("keys/token-device.key"))) {
            assertThat(java.nio.file.Files.getPosixFilePermissions(secret))
                    .containsExactlyInAnyOrderElementsOf(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(dataDir().resolve("ca/sm2/issuing.p12")).exists();
        assertThat(dataDir().resolve("ca/ecdsa-p256/issuing.p12")).exists();
    }


    static boolean verifies(X509CertificateHolder certificate, byte[] data, byte[] signature) throws Exception {
        KeyAlgorithm algorithm = KeyAlgorithm.of(certificate.getSubjectPublicKeyInfo());
        PublicKey key = KeyFactory.getInstance(algorithm.keyType(), Pki.provider())
                .generatePublic(new X509EncodedKeySpec(certificate.getSubjectPublicKeyInfo().getEncoded()));
        Signature verifier = Signature.getInstance(algorithm.signatureName(), Pki.provider());
        verifier.initVerify(key);
        verifier.update(data);
        return verifier.verify(signature) && !Arrays.equals(signature, new byte[signature.length]);
    }
}
