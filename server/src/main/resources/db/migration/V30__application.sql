-- Applications and their materials (application capability, R-MAT, R-CH).
CREATE SEQUENCE application_number_seq;

CREATE TABLE application (
    id                   UUID PRIMARY KEY,
    number               TEXT NOT NULL UNIQUE,
    idempotency_key      TEXT UNIQUE,
    kind                 TEXT NOT NULL,
    employer_name        TEXT NOT NULL,
    uscc                 CHAR(18) NOT NULL,
    category             TEXT NOT NULL,
    legal_representative TEXT NOT NULL,
    legal_rep_in_person  BOOLEAN NOT NULL,
    agent_name           TEXT NOT NULL,
    channel              TEXT NOT NULL,
    delivery             TEXT NOT NULL,
    window_id            TEXT,
    mail_recipient       TEXT,
    mail_phone           BYTEA, -- encrypted (architecture invariant "Personal data")
    mail_province        TEXT,
    mail_city            TEXT,
    mail_district        TEXT,
    mail_street          TEXT,
    mail_postal_code     TEXT,
    state                TEXT NOT NULL,
    version              INTEGER NOT NULL,
    submitted_at         TIMESTAMPTZ NOT NULL,
    production_due       DATE,
    waybill              TEXT,
    certificate_serial   TEXT,
    updated_at           TIMESTAMPTZ NOT NULL
);
CREATE INDEX application_state_idx ON application (state);
CREATE INDEX application_window_idx ON application (window_id, state);
CREATE INDEX application_uscc_idx ON application (uscc);

CREATE TABLE application_material (
    application_id UUID NOT NULL REFERENCES application (id),
    item           TEXT NOT NULL,
    ticked_by      TEXT NOT NULL,
    ticked_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (application_id, item)
);

CREATE TABLE forwarding_batch (
    id           UUID PRIMARY KEY,
    window_id    TEXT NOT NULL,
    forwarded_by TEXT NOT NULL,
    forwarded_at TIMESTAMPTZ NOT NULL,
    size         INTEGER NOT NULL
);
ALTER TABLE application ADD COLUMN batch_id UUID REFERENCES forwarding_batch (id);
