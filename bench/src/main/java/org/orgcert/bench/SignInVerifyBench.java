package org.orgcert.bench;

import com.sun.net.httpserver.HttpServer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.orgcert.kit.Challenge;
import org.orgcert.kit.ChallengeVerifier;
import org.orgcert.kit.InMemoryNonceStore;
import org.orgcert.kit.SignInVerifier;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.algorithm.PrivateKeySigner;
import org.orgcert.pki.ca.CaEndpoints;
import org.orgcert.pki.ca.CaFactory;
import org.orgcert.pki.ca.CertificateAuthority;
import org.orgcert.pki.crl.CrlParameters;
import org.orgcert.pki.crl.CrlWriter;
import org.orgcert.pki.crl.RevocationReason;
import org.orgcert.pki.crl.RevokedEntry;
import org.orgcert.pki.issue.CertificateIssuer;
import org.orgcert.pki.issue.CertificateSubject;
import org.orgcert.pki.issue.IssueRequest;
import org.orgcert.pki.name.Uscc;
import org.orgcert.pki.profile.CertificateProfiles;

/**
 * {@code bench/run signin-verify}: what the relying platforms' kit costs per sign-in against the SM2 signature
 * check at its heart, one thread, in the same run.
 *
 * <ul>
 *   <li>{@code signin.verify}: {@link ChallengeVerifier} issue + verify per second: a challenge issued, then the
 *       answer parsed, its nonce used, the certificate validated (chain to the root through the issuing CA,
 *       validity, keyUsage, the CA's CRL of 10,000 entries downloaded once over HTTP and cached until its
 *       nextUpdate) and the SM3withSM2 signature verified. The employers' signing in between (the assistant's
 *       work) is not timed. 200 employers sign in in turn, so their certificates are ones the platform has seen;</li>
 *   <li>{@code signin.verify.raw-sm2}: Bouncy Castle's SM2Signer verifying the same kind of text with the same
 *       200 keys (parsed once, as the kit keeps them), nothing else; measured like the kit: each batch of 200
 *       fresh signatures is made untimed, then verified timed;</li>
 *   <li>{@code signin.verify.ratio}: the first as a percentage of the second; the target is 80%;</li>
 *   <li>{@code signin.verify.first-sight}: as {@code signin.verify}, but every certificate is new to the verifier
 *       (its cache holds one certificate), so each sign-in also parses the certificate and runs the PKIX
 *       validation, whose check of the certificate's own SM2 signature makes two SM2 verifications per sign-in.</li>
 * </ul>
 *
 * Raw and kit alternate batch by batch (4 s of warm-up, 16 s measured), so both see the same load on the machine.
 */
public final class SignInVerifyBench {
    private static final int EMPLOYERS = 200;
    private static final int REVOKED = 10_000;
    private static final String PLATFORM = "bench-platform";
    private static final String ORIGIN = "https://bench.example.cn";
    private static final byte[] SM2_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

    private SignInVerifyBench() {
    }

    /** An employer as the assistant holds it: the certificate and the key to sign with. */
    private record Employer(byte[] certificate, AsymmetricKeyParameter privateKey, AsymmetricKeyParameter publicKey) {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        try {
            KeyAlgorithm sm2 = KeyAlgorithm.SM2;
            CaFactory factory = new CaFactory(CertificateProfiles.builtIn(), Clock.systemUTC());
            CertificateAuthority root = factory.createRoot(PrivateKeySigner.of(sm2.generateKeyPair()),
                    CaFactory.name("Bench CA", "Bench Root sm2"));
            CertificateAuthority issuing = factory.createIssuing(root, PrivateKeySigner.of(sm2.generateKeyPair()),
                    CaFactory.name("Bench CA", "Bench Issuing sm2"),
                    CaEndpoints.under("http://127.0.0.1:" + port(server) + "/status/sm2"));
            byte[] crl = crl(issuing);
            server.createContext("/status/sm2/crl", exchange -> {
                exchange.sendResponseHeaders(200, crl.length);
                exchange.getResponseBody().write(crl);
                exchange.close();
            });
            server.start();
            List<Employer> employers = employers(issuing);

            SignInVerifier verifier = SignInVerifier.builder().trustAnchor(root.certificate().getEncoded())
                    .issuingCa(issuing.certificate().getEncoded()).build();
            ChallengeVerifier challenges = new ChallengeVerifier(verifier, new InMemoryNonceStore(100_000, verifier.clock()));
            Raw raw = new Raw(employers);
            Kit kit = new Kit(challenges, employers);
            SignInVerifier forgetful = SignInVerifier.builder().trustAnchor(root.certificate().getEncoded())
                    .issuingCa(issuing.certificate().getEncoded()).certificateCacheSize(1).build();
            Kit firstSight = new Kit(new ChallengeVerifier(forgetful, new InMemoryNonceStore(100_000, forgetful.clock())),
                    employers);

            alternate(raw, kit, 4_000_000_000L);
            raw.reset();
            kit.reset();
            alternate(raw, kit, 16_000_000_000L);
            firstSight.run(1_000_000_000L);
            firstSight.reset();
            firstSight.run(3_000_000_000L);
            double kitRate = kit.perSecond();
            double rawRate = raw.perSecond();
            List<String> lines = new ArrayList<>();
            lines.add(BenchMain.line("signin.verify", kitRate, "sign-ins/s"));
            lines.add(BenchMain.line("signin.verify.raw-sm2", rawRate, "verifications/s"));
            lines.add(BenchMain.line("signin.verify.ratio", 100 * kitRate / rawRate, "%"));
            lines.add(BenchMain.line("signin.verify.first-sight", firstSight.perSecond(), "sign-ins/s"));
            lines.add(String.format(Locale.ROOT, "# per sign-in: kit %.1f µs (issue %.1f, verify %.1f), raw SM2 %.1f µs;"
                    + " %d sign-ins; by thread CPU time: kit %.0f/s, raw %.0f/s, ratio %.1f %%; load average %.1f on %d cores",
                    1e6 / kitRate, kit.issueMicros(), kit.verifyMicros(), 1e6 / rawRate, kit.count, kit.perCpuSecond(),
                    raw.perCpuSecond(), 100 * kit.perCpuSecond() / raw.perCpuSecond(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors()));
            System.out.println();
            lines.forEach(System.out::println);
        } finally {
            server.stop(0);
        }
    }

    /**
     * Raw and kit batches in turn, 200 sign-ins each, so both see the same load on a machine others use too
     * (alternating whole seconds let a burst of other work fall on one side).
     */
    private static void alternate(Raw raw, Kit kit, long budget) throws CryptoException {
        long end = System.nanoTime() + budget;
        while (System.nanoTime() < end) {
            raw.run(0);
            kit.run(0);
        }
    }

    /** Wall and thread CPU time of what is measured; batches keep the clock reads out of the per-item cost. */
    private static final class Stopwatch {
        private static final java.lang.management.ThreadMXBean THREADS =
                java.lang.management.ManagementFactory.getThreadMXBean();
        long wall;
        long cpu;
        private long wallStart;
        private long cpuStart;

        void start() {
            cpuStart = THREADS.getCurrentThreadCpuTime();
            wallStart = System.nanoTime();
        }

        void stop() {
            wall += System.nanoTime() - wallStart;
            cpu += THREADS.getCurrentThreadCpuTime() - cpuStart;
        }

        void reset() {
            wall = 0;
            cpu = 0;
        }
    }

    /**
     * Raw SM2 verification: the signature check alone, keys parsed once, measured as the kit is: a batch of fresh
     * signatures made untimed (texts of a real answer's length), then verified timed.
     */
    private static final class Raw {
        private final List<Employer> employers;
        private final SecureRandom random = new SecureRandom();
        final Stopwatch time = new Stopwatch();
        long count;

        Raw(List<Employer> employers) {
            this.employers = employers;
        }

        void run(long budget) throws CryptoException {
            long end = System.nanoTime() + budget;
            int n = employers.size();
            byte[][] texts = new byte[n][];
            byte[][] signatures = new byte[n][];
            byte[] nonce = new byte[32];
            do {
                for (int k = 0; k < n; k++) {
                    random.nextBytes(nonce);
                    texts[k] = ("orgcert-signin/1\nplatform: " + PLATFORM + "\norigin: " + ORIGIN + "\nnonce: "
                            + Base64.getUrlEncoder().withoutPadding().encodeToString(nonce) + "\ntime: 2026-12-07T10:00:00Z"
                            + "\ncertificate: " + "0".repeat(64) + "\npresence: " + "p".repeat(43)).getBytes(StandardCharsets.UTF_8);
                    signatures[k] = sign(employers.get(k).privateKey(), texts[k]);
                }
                time.start();
                for (int k = 0; k < n; k++) {
                    SM2Signer signer = new SM2Signer();
                    signer.init(false, new ParametersWithID(employers.get(k).publicKey(), SM2_ID));
                    signer.update(texts[k], 0, texts[k].length);
                    if (!signer.verifySignature(signatures[k])) {
                        throw new IllegalStateException("raw verification failed");
                    }
                }
                time.stop();
                count += n;
            } while (System.nanoTime() < end);
        }

        void reset() {
            count = 0;
            time.reset();
        }

        double perSecond() {
            return count * 1e9 / time.wall;
        }

        double perCpuSecond() {
            return count * 1e9 / time.cpu;
        }
    }

    /** The kit: issue a challenge to every employer, they sign (not timed), verify every answer. */
    private static final class Kit {
        private final ChallengeVerifier challenges;
        private final List<Employer> employers;
        private final SecureRandom random = new SecureRandom();
        final Stopwatch issuing = new Stopwatch();
        final Stopwatch verifying = new Stopwatch();
        long count;

        Kit(ChallengeVerifier challenges, List<Employer> employers) {
            this.challenges = challenges;
            this.employers = employers;
        }

        void run(long budget) throws CryptoException {
            long end = System.nanoTime() + budget;
            int n = employers.size();
            Challenge[] issued = new Challenge[n];
            String[] texts = new String[n];
            byte[][] signatures = new byte[n][];
            byte[] presence = new byte[32];
            do {
                issuing.start();
                for (int k = 0; k < n; k++) {
                    issued[k] = challenges.issue(PLATFORM, ORIGIN, employers.get(k).certificate());
                }
                issuing.stop();
                for (int k = 0; k < n; k++) { // the assistants' work
                    random.nextBytes(presence);
                    texts[k] = issued[k].text() + "\npresence: " + Base64.getUrlEncoder().withoutPadding().encodeToString(presence);
                    signatures[k] = sign(employers.get(k).privateKey(), texts[k].getBytes(StandardCharsets.UTF_8));
                }
                verifying.start();
                for (int k = 0; k < n; k++) {
                    challenges.verify(PLATFORM, ORIGIN, texts[k], signatures[k], employers.get(k).certificate());
                }
                verifying.stop();
                count += n;
            } while (System.nanoTime() < end);
        }

        void reset() {
            count = 0;
            issuing.reset();
            verifying.reset();
        }

        double perSecond() {
            return count * 1e9 / (issuing.wall + verifying.wall);
        }

        double perCpuSecond() {
            return count * 1e9 / (issuing.cpu + verifying.cpu);
        }

        double issueMicros() {
            return issuing.wall / 1e3 / count;
        }

        double verifyMicros() {
            return verifying.wall / 1e3 / count;
        }
    }

    private static byte[] sign(AsymmetricKeyParameter key, byte[] text) throws CryptoException {
        SM2Signer signer = new SM2Signer();
        signer.init(true, new ParametersWithID(new ParametersWithRandom(key, new SecureRandom()), SM2_ID));
        signer.update(text, 0, text.length);
        return signer.generateSignature();
    }

    private static List<Employer> employers(CertificateAuthority issuing) throws Exception {
        CertificateIssuer issuer = new CertificateIssuer(issuing, CertificateProfiles.builtIn(), Clock.systemUTC());
        List<Employer> employers = new ArrayList<>();
        for (int i = 0; i < EMPLOYERS; i++) {
            var key = KeyAlgorithm.SM2.generateKeyPair();
            Uscc uscc = Uscc.complete("91", "530102", String.format(Locale.ROOT, "MA%06d", i));
            byte[] der = issuer.issue(IssueRequest.of(CertificateProfiles.EMPLOYER_SIGNING,
                    new CertificateSubject.Employer("基准测试企业" + i, uscc),
                    SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()))).der();
            employers.add(new Employer(der, PrivateKeyFactory.createKey(key.getPrivate().getEncoded()),
                    PublicKeyFactory.createKey(key.getPublic().getEncoded())));
        }
        return employers;
    }

    /** The issuing CA's CRL with {@value #REVOKED} other certificates on it, current for a day. */
    private static byte[] crl(CertificateAuthority issuing) {
        var entries = java.util.stream.IntStream.range(0, REVOKED).mapToObj(i -> new RevokedEntry(
                BigInteger.valueOf(0x7000_0000_0000L + i), Instant.now().minusSeconds(3600), RevocationReason.SUPERSEDED))
                .iterator();
        return new CrlWriter(issuing).toBytes(CrlParameters.full(BigInteger.ONE, Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(1))), entries);
    }

    private static int port(HttpServer server) {
        return server.getAddress().getPort();
    }
}
