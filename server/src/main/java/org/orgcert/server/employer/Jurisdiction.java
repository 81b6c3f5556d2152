package org.orgcert.server.employer;

import org.orgcert.pki.name.Uscc;

/**
 * Whether an employer is within Kunming's jurisdiction, which decides the bureau's subsidy (R-FEE-1 a).
 * R-FEE interpretation: read from the USCC's administrative division code (characters 3-8 starting
 * {@code 5301}) unless staff override it with a recorded reason (e.g. an employer registered elsewhere
 * whose insured workforce is in Kunming).
 *
 * @param insideKunming  true when the employer counts as inside Kunming
 * @param overrideReason why staff overrode the division code's answer, or {@code null} when they did not
 */
public record Jurisdiction(boolean insideKunming, String overrideReason) {
    /** Kunming's prefecture-level division code (GB/T 2260): every district and county is {@code 5301xx}. */
    static final String KUNMING_DIVISION_PREFIX = "5301";
    static final int MAX_REASON_LENGTH = 500;

    public Jurisdiction {
        if (overrideReason != null && (overrideReason.isBlank() || overrideReason.length() > MAX_REASON_LENGTH)) {
            throw new IllegalArgumentException("an override needs a reason of 1 to " + MAX_REASON_LENGTH + " characters");
        }
    }

    /** What the USCC's division code says, without override. */
    public static Jurisdiction of(Uscc uscc) {
        return new Jurisdiction(uscc.divisionCode().startsWith(KUNMING_DIVISION_PREFIX), null);
    }

    /** A staff decision that replaces the division code's answer; the reason is required. */
    public static Jurisdiction byStaff(boolean insideKunming, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an override of the jurisdiction needs a reason");
        }
        return new Jurisdiction(insideKunming, reason.strip());
    }

    /** True when staff decided this instead of the division code. */
    public boolean overridden() {
        return overrideReason != null;
    }
}
