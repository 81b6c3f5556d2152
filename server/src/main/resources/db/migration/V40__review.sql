-- The bundled stand-in for the unemployment-insurance system (R-REV interpretation) and review results.
CREATE TABLE insurance_record (
    record_id            TEXT PRIMARY KEY,
    uscc                 CHAR(18) NOT NULL,
    name                 TEXT NOT NULL,
    legal_representative TEXT NOT NULL,
    insuring_division    TEXT NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL
);
CREATE INDEX insurance_record_uscc_idx ON insurance_record (uscc);

CREATE TABLE review_result (
    application_id UUID PRIMARY KEY,
    outcome        TEXT NOT NULL,
    record_ids     TEXT NOT NULL,
    differences    TEXT NOT NULL,
    checked_by     TEXT NOT NULL,
    checked_at     TIMESTAMPTZ NOT NULL
);
