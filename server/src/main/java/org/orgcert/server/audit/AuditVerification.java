package org.orgcert.server.audit;

/** The outcome of checking the audit chain. */
public sealed interface AuditVerification {

    /** Every record is in place and unchanged. */
    record Intact(long records) implements AuditVerification {
    }

    /**
     * The chain is broken at {@code seq}: a record was changed, removed or inserted.
     *
     * @param seq    the first record that does not verify
     * @param reason what is wrong with it
     */
    record Broken(long seq, String reason) implements AuditVerification {
    }
}
