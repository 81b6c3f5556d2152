package org.orgcert.server.lifecycle;

import org.orgcert.server.domain.Actor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.bouncycastle.cert.X509CertificateHolder;
import org.orgcert.pki.Pki;
import org.orgcert.pki.algorithm.Signatures;
import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationEvent;
import org.orgcert.server.application.ApplicationMoved;
import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.application.ApplicationState;
import org.orgcert.server.billing.Charge;
import org.orgcert.server.billing.FeeQuotes;
import org.orgcert.server.billing.Fen;
import org.orgcert.server.billing.Payer;
import org.orgcert.server.calendar.ShanghaiTime;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.certificate.CertificateState;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.issuance.SuccessorIssuance;
import org.orgcert.server.domain.Refusal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Remote annual renewal (R-REN-1..3, R-CERT-4). The employer's assistant asks for a challenge, the USB key
 * signs it with the current certificate's key, and the service issues a successor for the same key.
 *
 * <ul>
 *   <li>Opens 30 days before expiry (R-REN-1); earlier is refused with the date it opens. An expired or
 *       revoked certificate cannot be renewed online: the employer applies for a new certificate with papers
 *       (at the hall, by mail or at a window), and the first-certificate subsidy has ended.</li>
 *   <li>Validity: from now until the old expiry plus one year, so renewing early loses no days (the
 *       profile allows up to 31 days beyond a year).</li>
 *   <li>The challenge is a 32-byte random nonce, valid 5 minutes, used once, bound to the serial; what is
 *       signed is {@code "orgcert-renewal\n" + serial hex + "\n" + nonce}, so a signature made for another
 *       purpose never renews.</li>
 *   <li>Fee: billing books it on approval (R-REN-3; 0 for the first certificate's line in Kunming,
 *       R-FEE-1 b). A paid renewal waits in AWAITING_PAYMENT, its successor recorded but unsigned, and is
 *       signed when the transfer is matched; the assistant then fetches it as the successor.</li>
 *   <li>Every refused attempt is audited; nothing else changes.</li>
 * </ul>
 */
@Service
public class Renewals {
    /** R-REN-1: renewal opens this long before expiry. */
    static final Duration WINDOW = Duration.ofDays(30);
    private static final Duration NONCE_LIFETIME = Duration.ofMinutes(5);

    private final CertificateStore certificates;
    private final ApplicationService applications;
    private final SuccessorIssuance successors;
    private final FeeQuotes quotes;
    private final RefusalLog refusals;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final TransactionTemplate afterCommit;

    Renewals(CertificateStore certificates, ApplicationService applications, SuccessorIssuance successors,
            FeeQuotes quotes, RefusalLog refusals, JdbcTemplate jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.certificates = certificates;
        this.applications = applications;
        this.successors = successors;
        this.quotes = quotes;
        this.refusals = refusals;
        this.jdbc = jdbc;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.afterCommit = new TransactionTemplate(transactions);
        afterCommit.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    /** A challenge for the current key to sign. */
    public record Challenge(String serial, String nonce, Instant expiresAt, byte[] toBeSigned) {
    }

    /**
     * A renewal asked for: the online application, the employer's charges, and the new certificate, or null
     * while a paid renewal waits for the transfer (it is issued when the payment is matched).
     */
    public record Renewed(UUID applicationId, ApplicationState state, List<Charge> charges, CertificateRecord certificate) {
        /** What the employer pays (R-REN-3), 0 for the first certificate's line in Kunming (R-FEE-1 b). */
        public Fen payable() {
            return charges.stream().filter(c -> c.payer() == Payer.EMPLOYER).map(Charge::amount).reduce(Fen.ZERO, Fen::plus);
        }
    }

    /**
     * Issues a challenge for certificate {@code serial}.
     *
     * @throws Refusal 404 {@code unknown-certificate}; 409 {@code renewal-not-open} (with {@code opensOn}),
     *                    {@code certificate-expired}, {@code certificate-revoked}, {@code already-renewed}
     */
    public Challenge challenge(BigInteger serial, String actor) {
        try {
            CertificateRecord current = renewable(serial);
            byte[] random = new byte[32];
            Pki.random().nextBytes(random);
            String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Instant now = clock.instant();
            Instant expires = now.plus(NONCE_LIFETIME);
            jdbc.update("INSERT INTO renewal_challenge (nonce, serial, created_at, expires_at) VALUES (?, ?, ?, ?)",
                    nonce, new BigDecimal(serial), Timestamp.from(now), Timestamp.from(expires));
            return new Challenge(current.serialHex(), nonce, expires, toBeSigned(current.serialHex(), nonce));
        } catch (Refusal refused) {
            refusals.record(actor, "certificate.renewal", "certificate", serial.toString(16).toUpperCase(), refused);
            throw refused;
        }
    }

    /**
     * Renews certificate {@code serial} when {@code signature} is its key's signature over the challenge of
     * {@code nonce}.
     *
     * @throws Refusal 400 {@code bad-signature}; 409 {@code stale-nonce} (unknown, used, expired or for
     *                    another certificate) and the refusals of {@link #challenge}
     */
    public Renewed renew(BigInteger serial, String nonce, byte[] signature, String actor) {
        try {
            UUID applicationId = transaction.execute(status -> {
                consume(serial, nonce);
                CertificateRecord current = renewable(serial);
                if (!verifies(current, toBeSigned(current.serialHex(), nonce), signature)) {
                    throw LifecycleRefusal.BAD_SIGNATURE.refuse("The signature was not made by the key of certificate "
                            + current.serialHex() + " over this challenge.");
                }
                Application original = applications.get(current.applicationId());
                Application renewal = applications.fileOnline(OnlineForms.of(original.form(), ApplicationKind.RENEWAL,
                        current.employerName(), original.form().legalRepresentative()), actor,
                        "renewal of certificate " + current.serialHex() + ", signed with its key (R-REN-2)");
                // Recorded first: billing reads "first certificate" from the successor's predecessor on approval.
                successors.record(new SuccessorIssuance.Order(renewal.id(), current, current.employerName(),
                        ShanghaiTime.at(current.notAfter()).plusYears(1).toInstant(), actor));
                Application approved = applications.apply(renewal.id(), ApplicationEvent.APPROVE_ONLINE, Actor.onBehalfOf(actor),
                        "signed with the key of certificate " + current.serialHex());
                if (approved.state() == ApplicationState.APPROVED) {
                    applications.apply(renewal.id(), ApplicationEvent.START_PRODUCTION, Actor.onBehalfOf(actor), null);
                }
                return renewal.id();
            });
            // IN_PRODUCTION: free or already paid, issued now; AWAITING_PAYMENT: issued when paid (see paid()).
            boolean now = applications.get(applicationId).state() == ApplicationState.IN_PRODUCTION;
            CertificateRecord issued = now ? issue(applicationId, actor) : null;
            return new Renewed(applicationId, now ? ApplicationState.DELIVERED : ApplicationState.AWAITING_PAYMENT,
                    quotes.booked(applicationId), issued);
        } catch (Refusal refused) {
            refusals.record(actor, "certificate.renewal", "certificate", serial.toString(16).toUpperCase(), refused);
            throw refused;
        }
    }

    /** A paid renewal whose transfer was matched (PAYMENT_SETTLED, R-FEE-4): produced now. */
    @TransactionalEventListener
    void paid(ApplicationMoved moved) {
        if (moved.kind() == ApplicationKind.RENEWAL && moved.event() == ApplicationEvent.PAYMENT_SETTLED) {
            // After the payment's commit its connection may still be bound: a transaction of our own.
            afterCommit.executeWithoutResult(status -> {
                applications.apply(moved.applicationId(), ApplicationEvent.START_PRODUCTION, Actor.onBehalfOf(moved.actor()), "paid");
                issue(moved.applicationId(), moved.actor());
            });
        }
    }

    /** Signs the recorded successor and hands it over (to the assistant, which fetches it). */
    private CertificateRecord issue(UUID applicationId, String actor) {
        return transaction.execute(status -> {
            CertificateRecord signed = successors.sign(applicationId, actor);
            applications.completeProduction(applicationId, signed.serialHex(), Actor.onBehalfOf(actor));
            applications.apply(applicationId, ApplicationEvent.DELIVER_ONLINE, Actor.onBehalfOf(actor),
                    "certificate " + signed.serialHex() + " handed to the USB-key assistant");
            return signed;
        });
    }

    /** The certificate, if it may be renewed now. */
    private CertificateRecord renewable(BigInteger serial) {
        CertificateRecord current = certificates.findBySerial(serial)
                .filter(c -> c.state() != CertificateState.ISSUING)
                .orElseThrow(() -> LifecycleRefusal.UNKNOWN_CERTIFICATE.refuse("No certificate has serial "
                        + serial.toString(16).toUpperCase() + "."));
        Instant now = clock.instant();
        if (current.state() == CertificateState.REVOKED) {
            throw LifecycleRefusal.CERTIFICATE_REVOKED.refuse("Certificate " + current.serialHex() + " was revoked on "
                    + ShanghaiTime.dateOf(current.revokedAt()) + " and cannot be renewed; apply for a new certificate"
                    + " at the CA hall, by mail or at a window (R-FEE-2: paid).");
        }
        if (!now.isBefore(current.notAfter())) {
            throw LifecycleRefusal.CERTIFICATE_EXPIRED.refuse("Certificate " + current.serialHex() + " expired on "
                    + ShanghaiTime.dateOf(current.notAfter()) + "; an expired certificate cannot be renewed online."
                    + " Apply for a new certificate with the papers at the CA hall, by mail or at a window; the"
                    + " first-certificate subsidy ended with it (R-FEE-2).");
        }
        LocalDate opensOn = ShanghaiTime.dateOf(current.notAfter().minus(WINDOW));
        if (now.isBefore(current.notAfter().minus(WINDOW))) {
            throw LifecycleRefusal.RENEWAL_NOT_OPEN.refuse("Renewal of certificate " + current.serialHex()
                    + " opens on " + opensOn + ", 30 days before it expires on "
                    + ShanghaiTime.dateOf(current.notAfter()) + " (R-REN-1).").with("opensOn", opensOn.toString());
        }
        certificates.findSuccessor(serial).ifPresent(successor -> {
            throw LifecycleRefusal.ALREADY_RENEWED.refuse("Certificate " + current.serialHex()
                    + " already has a successor, " + successor.serialHex() + "; write it to the USB key with the"
                    + " assistant (fetch-successor).").with("successor", successor.serialHex());
        });
        return current;
    }

    /** Marks the nonce used, under its row lock, if it is unused, unexpired and for this certificate. */
    private void consume(BigInteger serial, String nonce) {
        Instant now = clock.instant();
        int used = nonce == null ? 0 : jdbc.update("UPDATE renewal_challenge SET used_at = ? WHERE nonce = ?"
                + " AND serial = ? AND used_at IS NULL AND expires_at > ?", Timestamp.from(now), nonce,
                new BigDecimal(serial), Timestamp.from(now));
        if (used != 1) {
            throw LifecycleRefusal.STALE_NONCE.refuse("This challenge is unknown, used, expired or for another"
                    + " certificate; ask for a new one.");
        }
    }

    static byte[] toBeSigned(String serialHex, String nonce) {
        return ("orgcert-renewal\n" + serialHex + "\n" + nonce).getBytes(StandardCharsets.UTF_8);
    }

    /** True when {@code signature} over {@code data} was made by the key of {@code certificate}. */
    static boolean verifies(CertificateRecord certificate, byte[] data, byte[] signature) {
        if (signature == null || signature.length == 0 || signature.length > 1024) {
            return false;
        }
        try {
            PublicKey key = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().setProvider(Pki.provider())
                    .getCertificate(new X509CertificateHolder(certificate.certificate().orElseThrow())).getPublicKey();
            return Signatures.verify(key, data, signature);
        } catch (java.io.IOException | java.security.GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
