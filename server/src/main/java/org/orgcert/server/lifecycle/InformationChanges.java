package org.orgcert.server.lifecycle;

import org.orgcert.server.domain.Actor;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationEvent;
import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.certificate.CertificateState;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.issuance.SuccessorIssuance;
import org.orgcert.server.domain.Refusal;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Information change (R-FEE-1 c, free): a new name, legal representative or address, checked by customer
 * service against the employer's papers, gives a new certificate for the same key on the same USB key, with
 * the same expiry. The old one stays valid until the employer's assistant has written the new one to the key
 * and confirmed it ({@code fetch-successor}; the certificate machine's {@code CONFIRM_ON_KEY} supersedes the
 * predecessor), or until the grace period after signing ends ({@link ReplacedCertificates}): revoking it at
 * approval left the employer with a key holding a revoked certificate and nothing to sign with. A USCC never
 * changes (R-CERT-5): refused. The employer asks for it through {@link InformationChangeRequests}, whose
 * approval calls this.
 */
@Service
public class InformationChanges {
    private final CertificateStore certificates;
    private final ApplicationService applications;
    private final SuccessorIssuance successors;
    private final RefusalLog refusals;
    private final Clock clock;
    private final TransactionTemplate transaction;

    InformationChanges(CertificateStore certificates, ApplicationService applications, SuccessorIssuance successors,
            RefusalLog refusals, Clock clock, PlatformTransactionManager transactions) {
        this.certificates = certificates;
        this.applications = applications;
        this.successors = successors;
        this.refusals = refusals;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * The change asked for; null fields stay as they are.
     *
     * @param uscc                if given, must be the certificate's own (a USCC cannot change)
     * @param employerName        the new registered name
     * @param legalRepresentative the new legal representative
     * @param address             the new address (not in the certificate; recorded with the change)
     */
    public record Change(String uscc, String employerName, String legalRepresentative, String address) {
    }

    /**
     * The change done: its application, the new certificate and the one it replaces, still valid until the new
     * one is on the key (or the grace period ends).
     */
    public record Changed(UUID applicationId, CertificateRecord certificate, CertificateRecord replaced) {
    }

    /**
     * Issues the changed certificate and supersedes {@code serial}.
     *
     * @throws Refusal 409 {@code uscc-cannot-change}, {@code certificate-not-valid}, {@code already-renewed};
     *                    400 {@code nothing-changed}, {@code invalid-employer-name}; 404 {@code unknown-certificate}
     */
    public Changed change(BigInteger serial, Change change, String actor) {
        return change(serial, change, actor, () -> { });
    }

    /**
     * As {@link #change(BigInteger, Change, String)}, running {@code first} at the start of the transaction that
     * decides and records the change: a caller's own step (an {@link InformationChangeRequests information-change
     * request} locked and marked approved) commits with the recorded successor or rolls back with a refusal.
     * Signing is a transaction of its own after that (record before sign); if it fails, the successor stays
     * recorded and unsigned, and {@link #issue} finishes it later.
     */
    Changed change(BigInteger serial, Change change, String actor, Runnable first) {
        String hex = serial.toString(16).toUpperCase(Locale.ROOT);
        try {
            UUID applicationId = transaction.execute(status -> {
                first.run();
                CertificateRecord current = changeable(serial, change);
                Application original = applications.get(current.applicationId());
                String name = blankToNull(change.employerName()) == null ? current.employerName()
                        : change.employerName().strip();
                String representative = blankToNull(change.legalRepresentative()) == null
                        ? original.form().legalRepresentative() : change.legalRepresentative().strip();
                List<String> what = new ArrayList<>();
                if (!name.equals(current.employerName())) {
                    what.add("name");
                }
                if (!representative.equals(original.form().legalRepresentative())) {
                    what.add("legal representative");
                }
                if (blankToNull(change.address()) != null) {
                    what.add("address: " + change.address().strip());
                }
                if (what.isEmpty()) {
                    throw LifecycleRefusal.NOTHING_CHANGED.refuse("The request changes neither the name, the legal"
                            + " representative nor the address.");
                }
                Application request = applications.fileOnline(OnlineForms.of(original.form(),
                        ApplicationKind.INFO_CHANGE, name, representative), actor,
                        "information change of certificate " + hex + " (" + String.join(", ", what) + "), free (R-FEE-1 c)");
                applications.apply(request.id(), ApplicationEvent.APPROVE_ONLINE, Actor.onBehalfOf(actor), "papers checked by " + actor);
                applications.apply(request.id(), ApplicationEvent.START_PRODUCTION, Actor.onBehalfOf(actor), null);
                CertificateRecord successor = successors.record(new SuccessorIssuance.Order(request.id(), current, name,
                        current.notAfter(), actor));
                certificates.markReplacing(successor.serial());
                return request.id();
            });
            return issue(applicationId, serial, actor);
        } catch (Refusal refused) {
            refusals.record(actor, "certificate.information-change", "certificate", hex, refused);
            throw refused;
        }
    }

    /**
     * The second half of a change: signs the recorded successor of {@code serial} (INFO_CHANGE application
     * {@code applicationId}) and hands it to the assistant, in one transaction; {@code serial} stays valid until
     * the successor is on the key. Called again for a change whose signing failed, it finishes it: the recorded TBS is signed
     * then, never a new one.
     */
    Changed issue(UUID applicationId, BigInteger serial, String actor) {
        return transaction.execute(status -> {
            CertificateRecord signed = successors.sign(applicationId, actor);
            applications.completeProduction(applicationId, signed.serialHex(), Actor.onBehalfOf(actor));
            applications.apply(applicationId, ApplicationEvent.DELIVER_ONLINE, Actor.onBehalfOf(actor),
                    "certificate " + signed.serialHex() + " for the assistant to write to token " + signed.tokenSerial());
            return new Changed(applicationId, signed, certificates.findBySerial(serial).orElseThrow());
        });
    }

    /**
     * The certificate whose information may change now: issued, valid, not expired, without a successor; a
     * different USCC is refused (R-CERT-5).
     */
    CertificateRecord changeable(BigInteger serial, Change change) {
        CertificateRecord current = certificates.findBySerial(serial)
                .filter(c -> c.state() != CertificateState.ISSUING)
                .orElseThrow(() -> LifecycleRefusal.UNKNOWN_CERTIFICATE.refuse("No certificate has serial "
                        + serial.toString(16).toUpperCase(Locale.ROOT) + "."));
        if (blankToNull(change.uscc()) != null && !change.uscc().strip().equalsIgnoreCase(current.uscc().value())) {
            throw LifecycleRefusal.USCC_CANNOT_CHANGE.refuse("A certificate's USCC never changes (R-CERT-5, R-FEE-1 c):"
                    + " an employer with a new USCC applies for a new certificate.");
        }
        if (current.state() != CertificateState.VALID || !clock.instant().isBefore(current.notAfter())) {
            throw LifecycleRefusal.CERTIFICATE_NOT_VALID.refuse("Only a valid certificate's information can be changed;"
                    + " certificate " + current.serialHex() + " is " + (current.state() == CertificateState.VALID
                            ? "expired" : "revoked") + ".");
        }
        certificates.findSuccessor(serial).ifPresent(successor -> {
            throw LifecycleRefusal.ALREADY_RENEWED.refuse("Certificate " + current.serialHex() + " already has a"
                    + " successor, " + successor.serialHex() + "; change that one.").with("successor", successor.serialHex());
        });
        if (change.employerName() != null && change.employerName().strip().length() > 100) {
            throw Refusal.invalidFields("the name is too long", Map.of("employerName", "at most 100 characters"));
        }
        return current;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
