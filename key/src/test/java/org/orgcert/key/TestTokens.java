package org.orgcert.key;

import org.orgcert.token.testing.SoftHsm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.csr.CsrParser;
import org.orgcert.pki.csr.VerifiedCsr;
import org.orgcert.pki.issue.CertificateIssuer;
import org.orgcert.pki.issue.CertificateSubject;
import org.orgcert.pki.issue.IssueRequest;
import org.orgcert.pki.name.Uscc;
import org.orgcert.pki.profile.CertificateProfiles;
import org.orgcert.pki.testing.TestCas;
import org.orgcert.token.PinKdf;
import org.orgcert.token.Pkcs11Config;
import org.orgcert.token.Pkcs11Token;
import org.orgcert.token.SoftwareToken;
import org.orgcert.token.Token;
import org.orgcert.token.TokenSettings;
import org.orgcert.token.UnblockAuthority;

/**
 * Real tokens for the assistant's tests: software token files and SoftHSM2 devices, personalised like the
 * service does it (key generated on the token, CSR, certificate from a test CA, imported).
 */
public final class TestTokens {
    public static final char[] PIN = "Pin135790".toCharArray();
    public static final char[] NEW_PIN = "Kunming-2468".toCharArray();
    /** A low scrypt cost keeps the tests fast; it is stored per token file, so production tokens keep theirs. */
    public static final TokenSettings SETTINGS = TokenSettings.DEFAULT.withKdf(new PinKdf(10, 8, 1));
    /** The bureau's side of unblocking, for the tests' tokens. */
    public static final UnblockAuthority AUTHORITY = new UnblockAuthority(sha256("key test master"));
    public static final String EMPLOYER = "昆明市测试科技有限公司";
    public static final Uscc USCC = new Uscc("91110000600037341L");
    private static final byte[] DEVICE_KEY = sha256("key test device key");
    private static final AtomicInteger SERIALS = new AtomicInteger();

    private TestTokens() {
    }

    /** The two kinds of token the assistant works on, with the algorithm each supports in these tests. */
    public enum Kind {
        SOFTWARE(KeyAlgorithm.SM2),
        PKCS11(KeyAlgorithm.ECDSA_P256);

        private final KeyAlgorithm algorithm;

        Kind(KeyAlgorithm algorithm) {
            this.algorithm = algorithm;
        }

        public KeyAlgorithm algorithm() {
            return algorithm;
        }
    }

    /**
     * A token made for a test.
     *
     * @param source      how the assistant opens it
     * @param serial      its serial
     * @param certificate the certificate on it, or null when {@link #personalised} was not asked
     */
    public record Made(TokenSource source, String serial, byte[] certificate) {
        public Token open() {
            return source.open();
        }
    }

    /** A token with a key and a one-year certificate from now. */
    public static Made personalised(Kind kind, Path dir) {
        return personalised(kind, dir, null);
    }

    /** A token with a key and a certificate valid until {@code notAfter} (null: one year). */
    public static Made personalised(Kind kind, Path dir, Instant notAfter) {
        Made made = blank(kind, dir);
        try (Token token = made.open()) {
            token.generateKeyPair(PIN, kind.algorithm());
            byte[] certificate = issue(kind.algorithm(), token.createCsr(PIN, new X500Name("CN=" + EMPLOYER)),
                    notAfter);
            token.importCertificate(PIN, certificate);
            return new Made(made.source(), made.serial(), certificate);
        }
    }

    /** A token with a key but no certificate; {@code certificate} is null. */
    public static Made withKeyOnly(Kind kind, Path dir) {
        Made made = blank(kind, dir);
        try (Token token = made.open()) {
            token.generateKeyPair(PIN, kind.algorithm());
        }
        return made;
    }

    /** A certificate for the key of {@code csr} (a new CSR of another token makes one for another key). */
    public static byte[] issue(KeyAlgorithm algorithm, byte[] csrDer, Instant notAfter) {
        VerifiedCsr csr = new CsrParser().parse(csrDer);
        CertificateSubject.Employer subject = new CertificateSubject.Employer(EMPLOYER, USCC);
        IssueRequest request = notAfter == null
                ? IssueRequest.fromCsr(CertificateProfiles.EMPLOYER_SIGNING, subject, csr)
                : IssueRequest.fromCsr(CertificateProfiles.EMPLOYER_SIGNING, subject, csr, notAfter);
        return new CertificateIssuer(TestCas.hierarchy(algorithm).issuing(), CertificateProfiles.builtIn(),
                Clock.systemUTC()).issue(request).der();
    }

    private static Made blank(Kind kind, Path dir) {
        String serial = "KT" + SERIALS.incrementAndGet();
        Path deviceKey = dir.resolve("device-" + serial + ".key");
        try {
            Files.write(deviceKey, DEVICE_KEY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (kind == Kind.SOFTWARE) {
            Path file = dir.resolve(serial + ".token");
            SoftwareToken.create(file, DEVICE_KEY, serial, "label " + serial, PIN, AUTHORITY.provision(serial),
                    SETTINGS).close();
            return new Made(new TokenSource.Software(file, deviceKey), serial, null);
        }
        SoftHsm.Slot slot = SoftHsm.next();
        Path side = dir.resolve(serial + ".side");
        Pkcs11Token.create(new Pkcs11Config(Pkcs11Config.SOFTHSM2, slot.id()), side, DEVICE_KEY, serial,
                "label " + serial, slot.secret(), PIN, AUTHORITY.provision(serial), SETTINGS).close();
        return new Made(new TokenSource.Pkcs11(Pkcs11Config.SOFTHSM2, slot.id(), side, deviceKey), serial, null);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
