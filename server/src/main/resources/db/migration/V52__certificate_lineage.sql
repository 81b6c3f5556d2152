-- A certificate's line (issue 4): a renewal or an information change issues a successor for the same key,
-- naming its predecessor; "first" (R-FEE-1 a/b interpretation) is decided when a certificate is recorded:
-- a certificate without predecessor is the employer's first when no certificate of its USCC existed before;
-- a successor inherits it. Once the line ends (expired, lost, damaged, cancelled) no later certificate of
-- the employer can be first, because an earlier certificate then exists.
ALTER TABLE certificate ADD COLUMN predecessor_serial NUMERIC(49, 0) REFERENCES certificate (serial);
ALTER TABLE certificate ADD COLUMN first_of_employer BOOLEAN NOT NULL DEFAULT false;
CREATE UNIQUE INDEX certificate_one_successor ON certificate (predecessor_serial);
CREATE INDEX certificate_token ON certificate (token_serial);
CREATE INDEX certificate_valid_until ON certificate (not_after) WHERE status = 'VALID';

-- Renewal challenges (R-REN-2): a nonce the current key signs; used once, valid for minutes.
CREATE TABLE renewal_challenge (
    nonce       TEXT PRIMARY KEY,
    serial      NUMERIC(49, 0) NOT NULL REFERENCES certificate (serial),
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);

-- Unlock requests (R-FEE-1 d, R-CERT-2): the locked token's challenge; the response is computed from the
-- bureau's unblock secret when asked for and never stored.
CREATE TABLE unlock_request (
    id                 UUID PRIMARY KEY,
    token_serial       TEXT NOT NULL,
    certificate_serial NUMERIC(49, 0) NOT NULL REFERENCES certificate (serial),
    application_id     UUID NOT NULL,
    challenge          TEXT NOT NULL,
    state              TEXT NOT NULL CHECK (state IN ('PENDING', 'APPROVED', 'REJECTED')),
    requested_by       TEXT NOT NULL,
    requested_at       TIMESTAMPTZ NOT NULL,
    decided_by         TEXT,
    decided_at         TIMESTAMPTZ,
    reason             TEXT
);
CREATE INDEX unlock_request_token ON unlock_request (token_serial, requested_at);
CREATE INDEX unlock_request_pending ON unlock_request (requested_at) WHERE state = 'PENDING';

-- Renewal reminders sent (30 and 7 days before expiry), once each.
CREATE TABLE renewal_reminder (
    serial      NUMERIC(49, 0) NOT NULL REFERENCES certificate (serial),
    days_before INTEGER NOT NULL,
    sent_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (serial, days_before)
);
