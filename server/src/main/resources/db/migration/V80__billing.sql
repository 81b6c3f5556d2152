-- Billing (issue 5, R-FEE-1..4, R-REN-3). Money is integer fen throughout.

-- Prices with effective dates: a change adds a row; charges copy the amount, so history reprices nothing.
-- Periods of one item never overlap (checked by PriceList under an advisory lock).
CREATE TABLE price (
    id             UUID PRIMARY KEY,
    item           TEXT NOT NULL CHECK (item IN ('MEDIUM', 'SERVICE_YEAR', 'INFO_CHANGE', 'UNLOCK')),
    amount_fen     BIGINT NOT NULL CHECK (amount_fen >= 0),
    effective_from DATE NOT NULL,
    effective_to   DATE,
    created_by     TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    CHECK (effective_to IS NULL OR effective_to > effective_from)
);
CREATE INDEX price_item ON price (item, effective_from);
-- The guide's prices (R-FEE-3) from the start of the calendar data. Information change and unlock cost
-- the employer nothing (R-FEE-1 c, d); what the bureau pays the CA for them is set by contract through
-- POST /api/v1/prices (0 until then).
INSERT INTO price (id, item, amount_fen, effective_from, created_by, created_at) VALUES
    ('00000000-0000-0000-0000-000000000801', 'MEDIUM', 6000, DATE '2022-01-01', 'system:migration', now()),
    ('00000000-0000-0000-0000-000000000802', 'SERVICE_YEAR', 16000, DATE '2022-01-01', 'system:migration', now()),
    ('00000000-0000-0000-0000-000000000803', 'INFO_CHANGE', 0, DATE '2022-01-01', 'system:migration', now()),
    ('00000000-0000-0000-0000-000000000804', 'UNLOCK', 0, DATE '2022-01-01', 'system:migration', now());

-- What each application costs and who pays it, booked once when it is approved (UNIQUE per item). District
-- is the USCC's division code (GB/T 2260), window the window it was handed in at, for the bureau's report.
CREATE TABLE charge (
    id             UUID PRIMARY KEY,
    application_id UUID NOT NULL REFERENCES application (id),
    kind           TEXT NOT NULL,
    item           TEXT NOT NULL,
    payer          TEXT NOT NULL CHECK (payer IN ('EMPLOYER', 'BUREAU')),
    amount_fen     BIGINT NOT NULL CHECK (amount_fen >= 0),
    rule           TEXT NOT NULL,
    price_id       UUID NOT NULL REFERENCES price (id),
    district       TEXT NOT NULL,
    channel        TEXT NOT NULL,
    window_id      TEXT,
    booked_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (application_id, item)
);
CREATE INDEX charge_booked ON charge (booked_at);
CREATE INDEX charge_bureau_month ON charge (booked_at, district) WHERE payer = 'BUREAU';
