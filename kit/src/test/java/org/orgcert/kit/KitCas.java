package org.orgcert.kit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.algorithm.PrivateKeySigner;
import org.orgcert.pki.ca.CaEndpoints;
import org.orgcert.pki.ca.CaFactory;
import org.orgcert.pki.ca.CertificateAuthority;
import org.orgcert.pki.ca.CertifiedSigner;
import org.orgcert.pki.crl.CrlParameters;
import org.orgcert.pki.crl.CrlWriter;
import org.orgcert.pki.crl.RevocationReason;
import org.orgcert.pki.crl.RevokedEntry;
import org.orgcert.pki.issue.CertificateIssuer;
import org.orgcert.pki.issue.CertificateSubject;
import org.orgcert.pki.issue.IssueRequest;
import org.orgcert.pki.name.Uscc;
import org.orgcert.pki.ocsp.CertificateStatus;
import org.orgcert.pki.ocsp.OcspResponder;
import org.orgcert.pki.ocsp.OcspSettings;
import org.orgcert.pki.profile.CertificateProfiles;
import org.orgcert.pki.testing.TestCas;

/**
 * OrgCert CAs of the three families for the kit's tests: TestCas's roots, and under each an issuing CA whose
 * CRL and OCSP URLs point at a JDK HttpServer in this JVM, which serves the CRL a test publishes and
 * answers OCSP with pki's responder. Made once per JVM (RSA keys are slow to make).
 */
final class KitCas {
    static final String NAME = "昆明市测试科技有限公司";
    static final Uscc USCC = new Uscc("91110000600037341L");
    private static final HttpServer SERVER = start();
    private static final Map<KeyAlgorithm, Family> FAMILIES = new EnumMap<>(KeyAlgorithm.class);

    private KitCas() {
    }

    /** One algorithm's issuing CA, what its CRL and OCSP responder say, and how often they were asked. */
    static final class Family {
        final KeyAlgorithm algorithm;
        final CertificateAuthority root;
        final CertificateAuthority issuing;
        final CertifiedSigner ocspSigner;
        final Map<BigInteger, CertificateStatus.Revoked> revoked = new ConcurrentHashMap<>();
        final AtomicInteger crlDownloads = new AtomicInteger();
        final AtomicInteger ocspRequests = new AtomicInteger();
        volatile byte[] crl;
        volatile OcspResponder responder;
        /** What the OCSP URL answers; the responder unless a test replaces it (a replayed response, garbage). */
        volatile java.util.function.UnaryOperator<byte[]> ocspAnswer;
        private final AtomicInteger crlNumber = new AtomicInteger();

        Family(KeyAlgorithm algorithm) {
            this.algorithm = algorithm;
            this.root = TestCas.hierarchy(algorithm).root();
            CaFactory factory = new CaFactory(CertificateProfiles.builtIn(), Clock.systemUTC());
            this.issuing = factory.createIssuing(root, PrivateKeySigner.of(algorithm.generateKeyPair()),
                    CaFactory.name(TestCas.ORGANISATION, "Kit Test Employer CA (" + algorithm.label() + ")"),
                    CaEndpoints.under(base(algorithm)));
            this.ocspSigner = factory.createOcspSigner(issuing, PrivateKeySigner.of(algorithm.generateKeyPair()),
                    CaFactory.name(TestCas.ORGANISATION, "Kit Test OCSP (" + algorithm.label() + ")"));
            publishCrl(Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(7)));
            answerOcspAt(Clock.systemUTC());
        }

        /** Signs and serves a CRL listing {@link #revoked}, current from {@code thisUpdate} to {@code nextUpdate}. */
        void publishCrl(Instant thisUpdate, Instant nextUpdate) {
            var entries = revoked.entrySet().stream().map(e -> new RevokedEntry(e.getKey(),
                    e.getValue().revocationTime(), e.getValue().reason())).iterator();
            crl = new CrlWriter(issuing).toBytes(CrlParameters.full(BigInteger.valueOf(crlNumber.incrementAndGet()),
                    thisUpdate, nextUpdate), entries);
        }

        /** Answers OCSP as of {@code clock} (a new responder: no cached answers). */
        void answerOcspAt(Clock clock) {
            responder = new OcspResponder(issuing, ocspSigner,
                    serial -> revoked.containsKey(serial) ? revoked.get(serial) : CertificateStatus.GOOD,
                    clock, OcspSettings.of(Duration.ofHours(1)));
            ocspAnswer = request -> responder.respond(request);
        }

        /** Revokes a certificate in the data the next CRL and every OCSP answer are made from. */
        void revoke(BigInteger serial, RevocationReason reason) {
            revoked.put(serial, new CertificateStatus.Revoked(Instant.now().minusSeconds(1), reason));
            responder.invalidate(serial);
        }

        /** An employer key and its signing certificate from this CA, valid from {@code clock}'s now. */
        Employer employer(Clock clock) {
            return employer(clock, CertificateProfiles.EMPLOYER_SIGNING, CertificateProfiles.builtIn());
        }

        Employer employer(Clock clock, String profile, CertificateProfiles profiles) {
            return employer(issuing, clock, profile, profiles);
        }

        Employer employer(CertificateAuthority ca, Clock clock, String profile, CertificateProfiles profiles) {
            KeyPair key = algorithm.generateKeyPair();
            byte[] der = new CertificateIssuer(ca, profiles, clock).issue(IssueRequest.of(profile,
                    new CertificateSubject.Employer(NAME, USCC),
                    SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()))).der();
            return new Employer(algorithm, key, der);
        }

        /** A verifier trusting this family's root and issuing CA. */
        SignInVerifier.Builder verifier() {
            return SignInVerifier.builder().trustAnchor(encoded(root)).issuingCa(encoded(issuing));
        }
    }

    /** An employer's key pair and certificate. */
    record Employer(KeyAlgorithm algorithm, KeyPair key, byte[] certificate) {
    }

    static synchronized Family family(KeyAlgorithm algorithm) {
        return FAMILIES.computeIfAbsent(algorithm, Family::new);
    }

    static byte[] encoded(CertificateAuthority ca) {
        try {
            return ca.certificate().getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String base(KeyAlgorithm algorithm) {
        return "http://127.0.0.1:" + SERVER.getAddress().getPort() + "/status/" + algorithm.label();
    }

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/status/", KitCas::serve);
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "kit-test-ca");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void serve(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().split("/"); // "", "status", label, what
        byte[] body = null;
        String type = "application/octet-stream";
        if (parts.length == 4) {
            Family family = FAMILIES.get(KeyAlgorithm.parse(parts[2]));
            if (family != null && parts[3].equals("crl")) {
                family.crlDownloads.incrementAndGet();
                body = family.crl;
                type = "application/pkix-crl";
            } else if (family != null && parts[3].equals("ocsp") && exchange.getRequestMethod().equals("POST")) {
                family.ocspRequests.incrementAndGet();
                body = family.ocspAnswer.apply(exchange.getRequestBody().readNBytes(65536));
                type = "application/ocsp-response";
            }
        }
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
        } else {
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }
}
