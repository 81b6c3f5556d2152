package org.orgcert.server.review;

/** What the check against the unemployment-insurance records found (R-REV-1..3). */
public enum ReviewOutcome {
    /** One record, and it agrees with the form: review may pass. */
    MATCHING,
    /** Several records: returned until the insuring window merges them (R-REV-2). */
    SEVERAL_RECORDS,
    /** One record that differs from the form: customer service phones the employer (R-REV-3). */
    MISMATCH,
    /** The employer agreed on the phone and the record was updated to the form's data (R-REV-3). */
    CONFIRMED_BY_PHONE,
    /** No record: the employer is not insured here; review cannot pass. */
    NO_RECORD;

    /** True when APPROVE may follow. */
    public boolean allowsApproval() {
        return this == MATCHING || this == CONFIRMED_BY_PHONE;
    }
}
