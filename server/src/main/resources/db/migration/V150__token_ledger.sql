-- Every USB key taken from stock (capability "issuance"). A key is written here TAKEN, in its own committed
-- transaction, before its key pair is generated; it ends USED (in the transaction that records its
-- certificate, which names it) or DISCARDED with a reason (and an audit record). A TAKEN row whose
-- production is no longer running (its production lock is free) belongs to a production that failed or
-- died: TokenSweep discards it. So no token with a key pair is ever unaccounted for.
CREATE TABLE token_ledger (
    token_serial       TEXT PRIMARY KEY,
    application_id     UUID NOT NULL,
    state              TEXT NOT NULL CHECK (state IN ('TAKEN', 'USED', 'DISCARDED')),
    taken_at           TIMESTAMPTZ NOT NULL,
    taken_by           TEXT NOT NULL,
    certificate_serial NUMERIC(49, 0),
    ended_at           TIMESTAMPTZ,
    discard_reason     TEXT,
    CHECK ((state = 'USED') = (certificate_serial IS NOT NULL)),
    CHECK ((state = 'DISCARDED') = (discard_reason IS NOT NULL)),
    CHECK ((state = 'TAKEN') = (ended_at IS NULL))
);
-- The sweep reads the open rows only.
CREATE INDEX token_ledger_taken ON token_ledger (taken_at) WHERE state = 'TAKEN';
