package org.orgcert.server.issuance;

import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.csr.CsrParser;
import org.orgcert.pki.csr.VerifiedCsr;
import org.orgcert.pki.issue.CertificateSubject;
import org.orgcert.pki.issue.EmployerNames;
import org.orgcert.pki.issue.IssueRequest;
import org.orgcert.pki.issue.PreparedCertificate;
import org.orgcert.pki.profile.CertificateProfiles;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.certificate.CertificateState;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.certificate.NewCertificate;
import org.orgcert.server.domain.Refusal;
import org.orgcert.token.Token;
import org.orgcert.token.UnblockAuthority;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Produces an employer's USB key and certificate (R-CERT-2), exactly once per application.
 *
 * <p>The steps, each audited (the PIN never is):
 * <ol>
 *   <li>write the next blank token's serial into the {@link TokenLedger} (TAKEN, committed), then take that
 *       token from the stock under a random initial PIN and generate the key pair on it;</li>
 *   <li>have the token sign a CSR and verify it ({@link CsrParser}: proof of possession);</li>
 *   <li>{@code prepare} the certificate and <b>record</b> it (ISSUING, with the exact TBS) in its own
 *       committed transaction, in which the ledger marks the token USED;</li>
 *   <li><b>sign</b> the recorded TBS under the row lock and store the DER (VALID);</li>
 *   <li>import the certificate into the token.</li>
 * </ol>
 *
 * <p>Exactly once: UNIQUE(application_id) admits one row per application, and signing happens only under
 * that row's lock and only while it is ISSUING, so one TBS is signed once. A call for an application that
 * already has a row resumes it instead: it signs a row left ISSUING (a crash between record and sign) from
 * its recorded TBS, and loads the certificate onto the token if it is not there yet, setting a new initial
 * PIN through the bureau's unblock authority (the first PIN died with the crashed call). Calls for one
 * application are serialised by {@link ProductionLock}, so racing callers never touch one token at once.
 *
 * <p>Every token taken is accounted for: USED with its certificate, or discarded with an audit record
 * ({@link TokenDiscards}) — at once when the call fails before recording, or by {@link TokenSweep} when the
 * call could not (its process died, or the database was what failed).
 */
@Service
public class ProductionService {
    private static final String SUBJECT = "certificate";

    private final CertificateAuthorities authorities;
    private final CertificateProfiles profiles;
    private final CertificateStore store;
    private final TokenStock stock;
    private final UnblockAuthority unblock;
    private final AuditLog audit;
    private final ProductionLock lock;
    private final RecordedSigning signing;
    private final TokenLedger ledger;
    private final TokenDiscards discards;
    private final TransactionTemplate transaction;
    private final TransactionTemplate ownTransaction;
    private final CsrParser csrParser = new CsrParser();

    ProductionService(CertificateAuthorities authorities, CertificateProfiles profiles, CertificateStore store,
            TokenStock stock, UnblockAuthority unblock, AuditLog audit, ProductionLock lock, RecordedSigning signing,
            TokenLedger ledger, TokenDiscards discards, PlatformTransactionManager transactions) {
        this.authorities = authorities;
        this.profiles = profiles;
        this.store = store;
        this.stock = stock;
        this.unblock = unblock;
        this.audit = audit;
        this.lock = lock;
        this.signing = signing;
        this.ledger = ledger;
        this.discards = discards;
        this.transaction = new TransactionTemplate(transactions);
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Produces the application's token and certificate, or returns (completing it if needed) the one
     * produced before.
     *
     * @throws Refusal 400 {@code unsupported-algorithm} or {@code invalid-employer-name}; 409
     *                    {@code application-mismatch} when the application's certificate names another USCC
     */
    public ProductionResult produce(ProductionOrder order) {
        KeyAlgorithm algorithm = order.algorithm() != null ? order.algorithm() : authorities.defaultAlgorithm();
        CertificateAuthorities.Ca ca = authorities.forAlgorithm(algorithm);
        CertificateSubject.Employer employer = new CertificateSubject.Employer(order.employerName(), order.uscc());
        X500Name subject = subject(employer); // checked before a token is spent on it
        try (ProductionLock.Held held = lock.acquire(order.applicationId())) {
            Optional<CertificateRecord> existing = store.findByApplication(order.applicationId());
            if (existing.isPresent()) {
                return resume(existing.get(), order);
            }
            return produceNew(order, ca, employer, subject);
        }
    }

    private ProductionResult produceNew(ProductionOrder order, CertificateAuthorities.Ca ca,
            CertificateSubject.Employer employer, X500Name subject) {
        InitialPin pin = InitialPin.random();
        char[] secret = pin.reveal();
        try {
            Token token = take(order, secret);
            String tokenSerial = token.info().serial();
            CertificateStore.Recorded recorded;
            try {
                recorded = personaliseAndRecord(order, ca, employer, subject, token, secret);
            } catch (RuntimeException | Error e) {
                discardAfterFailure(tokenSerial, order, e);
                throw e;
            }
            if (!recorded.created()) {
                // Another node won the UNIQUE(application_id) race: this token's key is never certified.
                discards.discard(tokenSerial, order.applicationId(), "application already had certificate "
                        + recorded.certificate().serialHex(), order.actor());
                return resume(recorded.certificate(), order);
            }
            CertificateRecord signed = sign(order.applicationId(), order.actor());
            load(token, secret, signed, order.actor());
            return new ProductionResult(ProductionResult.Outcome.PRODUCED, signed, tokenSerial, Optional.of(pin));
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /**
     * Writes the next blank token's serial into the ledger (TAKEN, committed), then takes that token from the
     * stock: ledger first, so a crash in between leaves a TAKEN row without a token, which {@link TokenSweep}
     * discards, and never a token (for a real stock: a physical key) that the ledger does not know (review of
     * issue 12, finding 11). A ledger that fails takes nothing.
     */
    private Token take(ProductionOrder order, char[] secret) {
        String tokenSerial = stock.reserveSerial();
        transaction.executeWithoutResult(status -> {
            ledger.taken(tokenSerial, order.applicationId(), order.actor());
            audit.record(new AuditEntry(order.actor(), "token.taken", "token", tokenSerial,
                    "application=" + order.applicationId()));
        });
        try {
            return stock.takeBlank(tokenSerial, secret, order.uscc().value());
        } catch (RuntimeException | Error e) {
            discardAfterFailure(tokenSerial, order, e);
            throw e;
        }
    }

    /**
     * Generates the key pair on the token, verifies its CSR, prepares the certificate and records it
     * (ISSUING, with the exact TBS) together with the token's use, in one committed transaction: record before
     * sign, so the serial and TBS are committed before the CA key is used.
     */
    private CertificateStore.Recorded personaliseAndRecord(ProductionOrder order, CertificateAuthorities.Ca ca,
            CertificateSubject.Employer employer, X500Name subject, Token token, char[] secret) {
        String tokenSerial = token.info().serial();
        token.generateKeyPair(secret, ca.hierarchy().algorithm());
        VerifiedCsr csr = csrParser.parse(token.createCsr(secret, subject));
        PreparedCertificate prepared = ca.issuer().prepare(
                IssueRequest.fromCsr(CertificateProfiles.EMPLOYER_SIGNING, employer, csr));
        return transaction.execute(status -> {
            var result = store.record(new NewCertificate(order.applicationId(), ca.label(), order.uscc(),
                    order.employerName(), csr.algorithm().label(), prepared, tokenSerial));
            if (result.created()) {
                ledger.used(tokenSerial, result.certificate().serial());
                audit.record(new AuditEntry(order.actor(), "certificate.recorded", SUBJECT,
                        result.certificate().serialHex(), "application=" + order.applicationId() + ", ca="
                                + ca.label() + ", profile=" + prepared.profileId() + ", token=" + tokenSerial
                                + " (key pair generated on the token, CSR verified)"));
            }
            return result;
        });
    }

    /**
     * A failure before the record committed: the token's key will never be certified, so it is discarded now.
     * If that fails too (the database is what failed), the ledger still has it TAKEN and {@link TokenSweep}
     * discards it once this call's lock is released. If the record did commit after all (its answer was
     * lost), the ledger has the token USED and nothing is discarded.
     */
    private void discardAfterFailure(String tokenSerial, ProductionOrder order, Throwable failure) {
        try {
            discards.discard(tokenSerial, order.applicationId(), "production failed before its certificate was"
                    + " recorded (" + failure.getClass().getSimpleName() + ")", order.actor());
        } catch (RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }

    /** Completes, if needed, a production recorded before, and returns its certificate. */
    private ProductionResult resume(CertificateRecord row, ProductionOrder order) {
        if (!row.uscc().equals(order.uscc())) {
            throw IssuanceRefusal.APPLICATION_MISMATCH.refuse("Application " + order.applicationId()
                    + " already has a certificate for another employer.");
        }
        CertificateRecord signed = sign(row.applicationId(), order.actor());
        if (signed.state() == CertificateState.REVOKED) {
            return new ProductionResult(ProductionResult.Outcome.ALREADY_PRODUCED, signed, signed.tokenSerial(),
                    Optional.empty());
        }
        Token token = stock.open(signed.tokenSerial());
        byte[] der = signed.certificate().orElseThrow();
        boolean loaded = token.certificate().map(held -> Arrays.equals(held, der)).orElse(false);
        boolean wasIssuing = row.state() == CertificateState.ISSUING;
        if (loaded) {
            return new ProductionResult(wasIssuing ? ProductionResult.Outcome.RESUMED
                    : ProductionResult.Outcome.ALREADY_PRODUCED, signed, signed.tokenSerial(), Optional.empty());
        }
        // The first PIN was lost with the interrupted call: the bureau unblocks the key with a new one.
        InitialPin pin = InitialPin.random();
        char[] secret = pin.reveal();
        try {
            setInitialPin(token, signed, secret, order.actor(), "resumed production");
            load(token, secret, signed, order.actor());
        } finally {
            Arrays.fill(secret, '\0');
        }
        return new ProductionResult(ProductionResult.Outcome.RESUMED, signed, signed.tokenSerial(), Optional.of(pin));
    }

    /**
     * A new initial PIN for the key of application {@code applicationId}, whose certificate an earlier call
     * loaded: for the delivery slip when that call's PIN was never shown (it died after loading the certificate
     * and before its production was completed, review of issue 12 finding 8). Set through the bureau's unblock
     * authority, as a resumed production does; the key gets a fresh set of unblock codes for the one used.
     *
     * <p>Only the caller knows whether a PIN was shown: call it inside the transaction that completes the
     * production, after that transaction locked the application and found it not completed, so that exactly
     * one completion shows exactly the PIN the key has ({@code ProductionStep}).
     *
     * @return the production with the new PIN; without one when the certificate was revoked meanwhile (the key
     *         is of no use any more)
     */
    public ProductionResult newInitialPin(UUID applicationId, String actor) {
        try (ProductionLock.Held held = lock.acquire(applicationId)) {
            CertificateRecord row = store.findByApplication(applicationId).orElseThrow(() ->
                    new IllegalStateException("application " + applicationId + " has no certificate"));
            if (row.state() == CertificateState.REVOKED) {
                return new ProductionResult(ProductionResult.Outcome.ALREADY_PRODUCED, row, row.tokenSerial(),
                        Optional.empty());
            }
            byte[] der = row.certificate().orElseThrow(() ->
                    new IllegalStateException("certificate " + row.serialHex() + " is not signed"));
            InitialPin pin = InitialPin.random();
            char[] secret = pin.reveal();
            try (Token token = stock.open(row.tokenSerial())) {
                if (!token.certificate().map(loaded -> Arrays.equals(loaded, der)).orElse(false)) {
                    throw new IllegalStateException("token " + row.tokenSerial() + " does not hold certificate "
                            + row.serialHex());
                }
                setInitialPin(token, row, secret, actor, "the delivery slip of a production whose first PIN was"
                        + " never shown");
            } finally {
                Arrays.fill(secret, '\0');
            }
            return new ProductionResult(ProductionResult.Outcome.RESUMED, row, row.tokenSerial(), Optional.of(pin));
        }
    }

    /**
     * Unblocks {@code token} with the bureau's answer to its challenge, setting {@code secret} as its PIN, gives
     * it a full set of unblock codes again (the employer's own unblocking must not run short because a
     * production was resumed), and audits it in a transaction of its own: the key changed whether or not the
     * caller's transaction commits.
     */
    private void setInitialPin(Token token, CertificateRecord certificate, char[] secret, String actor, String why) {
        String tokenSerial = certificate.tokenSerial();
        token.unblock(unblock.respond(tokenSerial, token.unblockChallenge()), secret);
        token.replenishUnblockCodes(secret, unblock.provision(tokenSerial));
        ownTransaction.executeWithoutResult(status -> audit.record(new AuditEntry(actor, "token.pin-reset", "token",
                tokenSerial, "new initial PIN for " + why + ", certificate " + certificate.serialHex())));
    }

    private CertificateRecord sign(UUID applicationId, String actor) {
        return signing.sign(applicationId, actor);
    }

    private void load(Token token, char[] pin, CertificateRecord certificate, String actor) {
        token.importCertificate(pin, certificate.certificate().orElseThrow());
        transaction.executeWithoutResult(status -> audit.record(new AuditEntry(actor, "token.certificate-loaded",
                "token", certificate.tokenSerial(), "certificate " + certificate.serialHex())));
    }

    private X500Name subject(CertificateSubject.Employer employer) {
        try {
            return EmployerNames.subject(employer, profiles.get(CertificateProfiles.EMPLOYER_SIGNING));
        } catch (org.orgcert.pki.PkiException e) {
            throw IssuanceRefusal.INVALID_EMPLOYER_NAME.refuse(e.getMessage());
        }
    }
}
