-- Employers (用人单位), the certificate holders: one row per USCC, which never changes (R-CERT-5, R-FEE-1 c).
-- Resident ID and mobile numbers are AES-256-GCM ciphertexts bound to the employer id and column
-- (employer.PersonalDataCipher); *_mobile_index is the keyed HMAC-SHA256 blind index of the normalised number.
CREATE TABLE employer (
    id                           UUID PRIMARY KEY,
    uscc                         TEXT NOT NULL UNIQUE CHECK (length(uscc) = 18),
    name                         TEXT NOT NULL,
    type                         TEXT CHECK (type IN ('ENTERPRISE_OR_INDIVIDUAL_BUSINESS',
                                     'STATE_ORGAN_OR_PUBLIC_INSTITUTION', 'SOCIAL_ORGANISATION')),
    type_confirmed               BOOLEAN NOT NULL,
    inside_kunming               BOOLEAN NOT NULL,
    jurisdiction_override_reason TEXT,
    legal_rep_name               TEXT NOT NULL,
    legal_rep_id_number          BYTEA NOT NULL,
    legal_rep_mobile             BYTEA NOT NULL,
    legal_rep_mobile_index       BYTEA NOT NULL,
    address                      TEXT NOT NULL,
    created_at                   TIMESTAMPTZ NOT NULL,
    updated_at                   TIMESTAMPTZ NOT NULL,
    version                      BIGINT NOT NULL,
    -- Staff can only confirm a type that is there (R-MAT-1).
    CHECK (type IS NOT NULL OR NOT type_confirmed)
);

CREATE INDEX employer_legal_rep_mobile_index ON employer (legal_rep_mobile_index);

-- Defence in depth for R-CERT-5: even a faulty UPDATE cannot change a USCC.
CREATE FUNCTION employer_uscc_never_changes() RETURNS trigger AS $$
BEGIN
    IF NEW.uscc <> OLD.uscc THEN
        RAISE EXCEPTION 'R-CERT-5: the USCC of employer % cannot change', OLD.id;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER employer_uscc_never_changes BEFORE UPDATE OF uscc ON employer
    FOR EACH ROW EXECUTE FUNCTION employer_uscc_never_changes();
