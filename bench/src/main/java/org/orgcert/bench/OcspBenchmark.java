package org.orgcert.bench;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.orgcert.pki.Pki;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.ocsp.CertificateStatus;
import org.orgcert.pki.ocsp.OcspResponder;
import org.orgcert.pki.ocsp.OcspSettings;

/**
 * The OCSP responder core in-process, ECDSA P-256: {@code cached} answers a single-CertID request without
 * a nonce from the pre-signed cache (what relying platforms send most); {@code signed} answers a request
 * with a nonce, which must be signed fresh.
 */
@State(Scope.Benchmark)
public class OcspBenchmark {
    private OcspResponder responder;
    private byte[] withoutNonce;
    private byte[] withNonce;

    @Setup
    public void setUp() throws Exception {
        var cas = BenchCas.create(KeyAlgorithm.ECDSA_P256);
        responder = new OcspResponder(cas.issuing(), cas.ocspSigner(), serial -> CertificateStatus.GOOD,
                Clock.systemUTC(), OcspSettings.of(Duration.ofHours(1)));
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().setProvider(Pki.provider())
                .build().get(CertificateID.HASH_SHA1), cas.issuing().certificate(), new BigInteger(120, Pki.random()));
        withoutNonce = new OCSPReqBuilder().addRequest(id).build().getEncoded();
        byte[] nonce = new byte[16];
        Pki.random().nextBytes(nonce);
        withNonce = new OCSPReqBuilder().addRequest(id).setRequestExtensions(new Extensions(new Extension(
                OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(nonce).getEncoded())))
                .build().getEncoded();
        responder.respond(withoutNonce); // fill the cache
    }

    @Benchmark
    public byte[] cached() {
        return responder.respond(withoutNonce);
    }

    @Benchmark
    public byte[] signed() {
        return responder.respond(withNonce);
    }
}
