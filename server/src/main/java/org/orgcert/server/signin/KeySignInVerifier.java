package org.orgcert.server.signin;

import java.math.BigInteger;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.orgcert.pki.Pki;
import org.orgcert.pki.algorithm.Signatures;
import org.orgcert.pki.ca.CaHierarchy;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.certificate.CertificateState;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.issuance.CertificateAuthorities;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one door of a sign-in with the USB key (R-USE-1): checks an answer to a challenge and records the sign-in,
 * or refuses it with a typed reason, audited either way. In this order, so that nothing is believed before it is
 * checked: the challenge is consumed (a second answer finds it used), it was made for this platform and this page's
 * origin, what was signed is exactly it plus one presence line, the certificate is the one it names and the very
 * certificate this CA recorded for its serial (so another CA's certificate is unknown here), its issuer's signature,
 * key usage, validity, and its status read from the certificate table at this moment — a revocation counts for the
 * next sign-in as soon as it commits — and last the signature with the certificate's key.
 */
@Service
public class KeySignInVerifier {
    private final SignInChallenges challenges;
    private final KeySignIns signIns;
    private final CertificateStore certificates;
    private final CertificateAuthorities authorities;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;
    /** Certificates whose issuer signature checked out, by fingerprint: each is checked once, not per sign-in. */
    private final Map<String, Boolean> issuerChecked = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 100_000;
        }
    });

    KeySignInVerifier(SignInChallenges challenges, KeySignIns signIns, CertificateStore certificates,
            CertificateAuthorities authorities, AuditLog audit, TransactionTemplate transactions, Clock clock) {
        this.challenges = challenges;
        this.signIns = signIns;
        this.certificates = certificates;
        this.authorities = authorities;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Checks {@code answer} for a sign-in to {@code platform} from a page of {@code origin} (null when the answer did not
     * come from this provider's page: refused), made in the browser whose sign-in cookie hashes to {@code browserHash}.
     *
     * @return the recorded sign-in
     * @throws Refusal a {@link SignInRefusal}; the refusal is audited and nothing is signed in
     */
    public KeySignIn verify(String platform, String origin, KeySignInAnswer answer, byte[] browserHash) {
        try {
            return transactions.execute(status -> {
                KeySignIn signIn = check(platform, origin, answer);
                signIns.record(signIn, presenceOf(answer), browserHash);
                audit.record(new AuditEntry("employer-key:" + signIn.uscc(), "signin.signed-in", "key-signin",
                        signIn.id().toString(), "platform " + platform + ", certificate " + signIn.serialHex()
                                + (signIn.hardwareKey() ? ", USB key" : ", software token")));
                return signIn;
            });
        } catch (Refusal refusal) {
            // The consumed challenge stays consumed: a refused answer cannot be tried again with another signature.
            transactions.executeWithoutResult(status -> {
                challenges.consume(answer.nonce());
                audit.record(new AuditEntry("anonymous:key-signin", "signin.refused", "signin-platform",
                        platform == null ? "-" : platform, refusal.type() + ": " + refusal.detail()));
            });
            throw refusal;
        }
    }

    private KeySignIn check(String platform, String origin, KeySignInAnswer answer) {
        SignInChallenge challenge = challenges.consume(answer.nonce())
                .orElseThrow(() -> refuse(SignInRefusal.STALE_CHALLENGE, "the challenge is unknown, used or expired:"
                        + " ask for a new one"));
        if (!challenge.platform().equals(platform) || origin == null || !challenge.origin().equals(origin)) {
            throw refuse(SignInRefusal.OTHER_ORIGIN, "the challenge was made for another platform or site");
        }
        if (challenge.presenceIn(answer.signed()) == null) {
            throw refuse(SignInRefusal.OTHER_CHALLENGE, "what was signed is not the challenge issued");
        }
        if (!SignInChallenge.fingerprint(answer.certificate()).equals(challenge.certificate())) {
            throw refuse(SignInRefusal.UNKNOWN_CERTIFICATE, "the certificate is not the one the challenge names");
        }
        X509CertificateHolder certificate = parse(answer.certificate());
        CertificateRecord record = ours(certificate.getSerialNumber(), answer.certificate());
        checkIssuer(record, certificate, challenge.certificate());
        KeyUsage usage = KeyUsage.fromExtensions(certificate.getExtensions());
        if (usage == null || !usage.hasUsages(KeyUsage.digitalSignature)) {
            throw refuse(SignInRefusal.WRONG_KEY_USAGE, "the certificate may not sign");
        }
        Instant now = clock.instant();
        if (now.isBefore(record.notBefore())) {
            throw refuse(SignInRefusal.CERTIFICATE_NOT_YET_VALID, "the certificate is not valid yet");
        }
        if (!now.isBefore(record.notAfter())) {
            throw refuse(SignInRefusal.CERTIFICATE_EXPIRED, "the certificate has expired: renew it");
        }
        if (record.state() != CertificateState.VALID) {
            throw refuse(SignInRefusal.CERTIFICATE_REVOKED, "the certificate is revoked");
        }
        if (!Signatures.verify(publicKey(certificate), answer.signed(), answer.signature())) {
            throw refuse(SignInRefusal.BAD_SIGNATURE, "the signature does not verify with the certificate's key");
        }
        return new KeySignIn(UUID.randomUUID(), record.uscc().value(), record.employerName(), record.ca(),
                record.serialHex(), record.notAfter(), !record.tokenSerial().startsWith("SW"), platform, now);
    }

    private static String presenceOf(KeySignInAnswer answer) {
        var line = SignInChallenge.PRESENCE_LINE.matcher(new String(answer.signed(), java.nio.charset.StandardCharsets.UTF_8));
        return line.find() ? line.group(1) : null;
    }

    private static X509CertificateHolder parse(byte[] der) {
        try {
            org.bouncycastle.asn1.x509.Certificate parsed = org.orgcert.pki.Der.parse(der, KeySignInAnswer.MAX_CERTIFICATE,
                    "certificate", org.bouncycastle.asn1.x509.Certificate::getInstance);
            return new X509CertificateHolder(parsed);
        } catch (RuntimeException e) {
            throw refuse(SignInRefusal.MALFORMED_ANSWER, "the certificate is not a DER certificate");
        }
    }

    /** The certificate this CA recorded under {@code serial}, if it is exactly {@code der}. */
    private CertificateRecord ours(BigInteger serial, byte[] der) {
        Optional<CertificateRecord> record = certificates.findBySerial(serial);
        if (record.isEmpty() || record.get().der() == null || !Arrays.equals(record.get().der(), der)) {
            throw refuse(SignInRefusal.UNKNOWN_CERTIFICATE, "the certificate was not issued by this CA");
        }
        return record.get();
    }

    /** Checks the issuing CA's signature on the certificate, once per certificate. */
    private void checkIssuer(CertificateRecord record, X509CertificateHolder certificate, String fingerprint) {
        if (issuerChecked.containsKey(fingerprint)) {
            return;
        }
        CaHierarchy hierarchy = authorities.hierarchy(record.ca())
                .orElseThrow(() -> refuse(SignInRefusal.UNKNOWN_CERTIFICATE, "the certificate's CA is not served here"));
        try {
            X509CertificateHolder issuer = hierarchy.issuing().certificate();
            boolean signed = certificate.getIssuer().equals(issuer.getSubject()) && certificate.isSignatureValid(
                    new JcaContentVerifierProviderBuilder().setProvider(Pki.provider()).build(issuer));
            if (!signed) {
                throw refuse(SignInRefusal.UNKNOWN_CERTIFICATE, "the certificate is not signed by its CA");
            }
        } catch (Refusal r) {
            throw r;
        } catch (Exception e) {
            throw refuse(SignInRefusal.UNKNOWN_CERTIFICATE, "the certificate's signature cannot be checked");
        }
        issuerChecked.put(fingerprint, Boolean.TRUE);
    }

    private static PublicKey publicKey(X509CertificateHolder certificate) {
        try {
            return new JcaX509CertificateConverter().setProvider(Pki.provider()).getCertificate(certificate).getPublicKey();
        } catch (Exception e) {
            throw refuse(SignInRefusal.UNKNOWN_CERTIFICATE, "the certificate's key cannot be read");
        }
    }

    static Refusal refuse(SignInRefusal code, String detail) {
        return new Refusal(code, detail);
    }
}
