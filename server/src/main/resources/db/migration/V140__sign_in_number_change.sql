-- Changes of an employer's sign-in numbers (issue 11 item 5): the mobile numbers of the legal representative
-- and contacts are who may sign in as the employer's agent, so replacing one is an identity change made only by
-- customer service (CA_SERVICE), with a reason and a scan of the supporting paper, and SMS to both numbers.
-- One row per change made (refused attempts are only in the audit log). The numbers are AES-256-GCM
-- ciphertexts bound to the change id and column (privacy.PersonalDataCipher); only the masked forms are clear.
-- employer_id has no foreign key: the employer table is the employer capability's.
CREATE TABLE sign_in_number_change (
    id                 UUID PRIMARY KEY,
    employer_id        UUID NOT NULL,
    uscc               TEXT NOT NULL CHECK (length(uscc) = 18),
    employer_name      TEXT NOT NULL,
    old_mobile_masked  TEXT NOT NULL,
    new_mobile_masked  TEXT NOT NULL,
    old_mobile         BYTEA NOT NULL,
    new_mobile         BYTEA NOT NULL,
    holders            TEXT NOT NULL,
    reason             TEXT NOT NULL CHECK (length(btrim(reason)) > 0),
    scan_filename      TEXT NOT NULL,
    scan_media_type    TEXT NOT NULL CHECK (scan_media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    scan_size_bytes    INTEGER NOT NULL CHECK (scan_size_bytes > 0 AND scan_size_bytes <= 10485760),
    scan_sha256        BYTEA NOT NULL,
    scan               BYTEA NOT NULL,
    changed_by         TEXT NOT NULL,
    changed_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX sign_in_number_change_employer ON sign_in_number_change (employer_id, changed_at);
