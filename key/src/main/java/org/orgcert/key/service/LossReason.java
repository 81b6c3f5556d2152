package org.orgcert.key.service;

/**
 * Why the employer ends a certificate (R-FEE-2): a lost key is revoked as keyCompromise, a damaged key and a
 * cancellation as cessationOfOperation. A new certificate afterwards is paid in every case.
 */
public enum LossReason {
    /** The USB key is lost or stolen. */
    LOST,
    /** The USB key is broken. */
    DAMAGED,
    /** The employer no longer wants the certificate. */
    CANCELLED;

    /**
     * Reads a reason as typed on the command line (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static LossReason parse(String text) {
        for (LossReason reason : values()) {
            if (reason.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return reason;
            }
        }
        throw new IllegalArgumentException("the reason is LOST, DAMAGED or CANCELLED");
    }
}
