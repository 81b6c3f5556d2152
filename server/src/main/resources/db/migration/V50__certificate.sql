-- The certificate store (capability "certificate"; issuance writes through CertificateStore).
-- Invariant "record before sign": a row is inserted ISSUING with the exact TBS bytes and committed before
-- the CA signs; the DER arrives later (ISSUING -> VALID). UNIQUE(application_id): one certificate per
-- application whatever races or retries happen (R-CERT-2 production, exactly once).
CREATE TABLE certificate (
    serial            NUMERIC(49, 0) PRIMARY KEY CHECK (serial > 0),
    application_id    UUID NOT NULL UNIQUE,
    ca                TEXT NOT NULL,
    uscc              TEXT NOT NULL,
    employer_name     TEXT NOT NULL,
    algorithm         TEXT NOT NULL,
    profile           TEXT NOT NULL,
    not_before        TIMESTAMPTZ NOT NULL,
    not_after         TIMESTAMPTZ NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('ISSUING', 'VALID', 'REVOKED')),
    tbs               BYTEA NOT NULL,
    der               BYTEA,
    token_serial      TEXT NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    signed_at         TIMESTAMPTZ,
    revoked_at        TIMESTAMPTZ,
    revocation_reason SMALLINT,
    revoked_by        TEXT,
    CHECK ((status = 'ISSUING') = (der IS NULL)),
    CHECK ((status = 'REVOKED') = (revoked_at IS NOT NULL AND revocation_reason IS NOT NULL))
);
CREATE INDEX certificate_uscc ON certificate (uscc);
-- CRLs read the revoked certificates of one CA in serial order, deltas by revocation time.
CREATE INDEX certificate_revoked ON certificate (ca, serial) WHERE status = 'REVOKED';
CREATE INDEX certificate_revoked_at ON certificate (ca, revoked_at) WHERE status = 'REVOKED';
