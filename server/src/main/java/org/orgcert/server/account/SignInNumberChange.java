package org.orgcert.server.account;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.orgcert.server.application.ScanType;
import org.orgcert.server.employer.SignInNumbers;

/**
 * One change of an employer's sign-in numbers as recorded (table {@code sign_in_number_change}): numbers masked
 * only, the scan by its name, type, size and SHA-256 (its content is served on its own).
 *
 * @param holders   whose number it was: the legal representative and/or contacts, by name
 * @param changedBy the staff member, as audited ({@code staff:<username>})
 */
public record SignInNumberChange(UUID id, UUID employerId, String uscc, String employerName, String oldMobileMasked,
        String newMobileMasked, List<SignInNumbers.Holder> holders, String reason, Scan scan, String changedBy, Instant changedAt) {

    public SignInNumberChange {
        holders = List.copyOf(holders);
        Objects.requireNonNull(scan, "scan");
    }

    /**
     * The supporting paper as stored.
     *
     * @param sha256Hex the SHA-256 of the content, in hex: the reference a printout is checked against
     */
    public record Scan(String filename, ScanType type, int sizeBytes, String sha256Hex) {
    }

    /**
     * What customer service asks for, as typed: each field is checked by {@link SignInNumberChanges#change},
     * which names every wrong one.
     *
     * @param oldMobile the number that signs in now (from the paper)
     * @param newMobile the number that signs in instead
     * @param reason    why, as the paper says (e.g. the contact left the employer)
     * @param scan      the signed paper asking for it (the employer's letter with its seal, or the legal
     *                  representative's own request with a copy of their ID card)
     */
    public record Request(UUID employerId, String oldMobile, String newMobile, String reason, Upload scan) {
    }

    /** An uploaded file as received: its given name and content (either may be null when nothing was sent). */
    public record Upload(String filename, byte[] content) {
    }
}
