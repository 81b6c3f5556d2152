package org.orgcert.server.lifecycle;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.orgcert.server.application.ScanType;

/**
 * An employer's request to change the information of a certificate (R-FEE-1 c), waiting for customer service
 * or decided. It has no USCC: a certificate's USCC never changes (R-CERT-5).
 *
 * @param id                the request
 * @param certificateSerial the certificate to change
 * @param state             PENDING, APPROVED or REJECTED
 * @param current           the employer's information when the request was made
 * @param requested         what the employer asks for; a null field stays as it is
 * @param reason            why the employer asks (e.g. "renamed on 2026-05-01")
 * @param scan              the supporting paper (e.g. the new business licence), without its content
 * @param requestedBy       who asked (audit name)
 * @param requestedAt       when
 * @param decidedBy         the customer-service member who approved or rejected it, or null
 * @param decidedAt         when, or null
 * @param rejectionReason   why it was rejected (the employer sees it), or null
 */
public record InformationChangeRequest(UUID id, BigInteger certificateSerial, State state, Information current,
        Information requested, String reason, Scan scan, String requestedBy, Instant requestedAt, String decidedBy,
        Instant decidedAt, String rejectionReason) {

    /** Where a request stands. */
    public enum State {
        PENDING, APPROVED, REJECTED
    }

    /**
     * An employer's changeable information: the registered name and legal representative (both in the
     * certificate's application; the name also in the certificate) and the address (in the employer register).
     */
    public record Information(String employerName, String legalRepresentative, String address) {
    }

    /**
     * The uploaded supporting paper.
     *
     * @param sha256 hex of its SHA-256 (audited with the request)
     */
    public record Scan(String filename, ScanType type, int sizeBytes, String sha256) {
    }

    /** The serial as upper-case hex, as the certificate pages and {@code openssl x509 -serial} show it. */
    public String certificateSerialHex() {
        return certificateSerial.toString(16).toUpperCase(Locale.ROOT);
    }

    /** The change to make on approval (never a USCC). */
    InformationChanges.Change change() {
        return new InformationChanges.Change(null, requested.employerName(), requested.legalRepresentative(),
                requested.address());
    }
}
