-- The status capability's CRLs: the latest full and delta CRL of each CA, and each CA's CRL number.
-- Invariant: CRL numbers only grow, shared by full and delta CRLs (RFC 5280 5.2.3).
CREATE TABLE crl_number (
    ca          TEXT PRIMARY KEY,
    last_number NUMERIC(49, 0) NOT NULL
);
CREATE TABLE crl (
    ca           TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('FULL', 'DELTA')),
    crl_number   NUMERIC(49, 0) NOT NULL,
    base_number  NUMERIC(49, 0),
    generated_at TIMESTAMPTZ NOT NULL,
    this_update  TIMESTAMPTZ NOT NULL,
    next_update  TIMESTAMPTZ NOT NULL,
    entries      BIGINT NOT NULL,
    der          BYTEA NOT NULL,
    PRIMARY KEY (ca, kind),
    CHECK ((kind = 'DELTA') = (base_number IS NOT NULL))
);
