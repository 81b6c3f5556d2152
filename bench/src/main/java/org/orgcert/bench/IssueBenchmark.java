package org.orgcert.bench;

import java.time.Clock;
import org.bouncycastle.asn1.x500.X500Name;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.algorithm.PrivateKeySigner;
import org.orgcert.pki.algorithm.Signer;
import org.orgcert.pki.csr.CsrBuilder;
import org.orgcert.pki.csr.CsrParser;
import org.orgcert.pki.issue.CertificateIssuer;
import org.orgcert.pki.issue.CertificateSubject;
import org.orgcert.pki.issue.IssueRequest;
import org.orgcert.pki.issue.IssuedCertificate;
import org.orgcert.pki.issue.PreparedCertificate;
import org.orgcert.pki.name.Uscc;
import org.orgcert.pki.profile.CertificateProfiles;

/**
 * Issuing an employer signing certificate from an already verified CSR: prepare (serial, TBS from the
 * profile, lint) and sign (which parses and lints the recorded bytes again). {@code prepareOnly} and
 * {@code signPrepared} are the two halves; {@code rawSign} signs the same TBS bytes alone: the limit
 * issuing approaches.
 */
@State(Scope.Benchmark)
public class IssueBenchmark {
    @Param({"ECDSA_P256", "SM2", "RSA_3072"})
    public String algorithm;

    private CertificateIssuer issuer;
    private IssueRequest request;
    private Signer caSigner;
    private byte[] tbs;
    private PreparedCertificate prepared;

    @Setup
    public void setUp() {
        KeyAlgorithm alg = KeyAlgorithm.valueOf(algorithm);
        var cas = BenchCas.create(alg);
        issuer = new CertificateIssuer(cas.issuing(), CertificateProfiles.builtIn(), Clock.systemUTC());
        caSigner = cas.issuing().signer();
        var csr = new CsrParser().parse(CsrBuilder.build(new X500Name("CN=bench"),
                PrivateKeySigner.of(alg.generateKeyPair())));
        request = IssueRequest.fromCsr(CertificateProfiles.EMPLOYER_SIGNING,
                new CertificateSubject.Employer("昆明市基准测试科技有限公司", new Uscc("91110000600037341L")), csr);
        prepared = issuer.prepare(request);
        tbs = prepared.tbs();
    }

    @Benchmark
    public IssuedCertificate issue() {
        return issuer.issue(request);
    }

    @Benchmark
    public PreparedCertificate prepareOnly() {
        return issuer.prepare(request);
    }

    /** {@code sign} alone: re-parse (DER), re-lint and compare the recorded fields, then the signature. */
    @Benchmark
    public IssuedCertificate signPrepared() {
        return issuer.sign(prepared);
    }

    @Benchmark
    public byte[] rawSign() {
        return caSigner.sign(tbs);
    }
}
