-- Payments by transfer (R-FEE-4), refunds and invoice requests (电子普通发票).
-- A transfer's reference (the bank's or WeChat's transaction number) is unique: imported twice, counted once.
CREATE TABLE payment (
    id             UUID PRIMARY KEY,
    reference      TEXT NOT NULL UNIQUE,
    method         TEXT NOT NULL CHECK (method IN ('BANK_TRANSFER', 'WECHAT')),
    payer_name     TEXT NOT NULL,
    amount_fen     BIGINT NOT NULL CHECK (amount_fen > 0),
    paid_at        TIMESTAMPTZ NOT NULL,
    remark         TEXT NOT NULL,
    recorded_by    TEXT NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL,
    application_id UUID REFERENCES application (id),
    matched_by     TEXT,
    matched_at     TIMESTAMPTZ
);
CREATE INDEX payment_application ON payment (application_id);
CREATE INDEX payment_unmatched ON payment (paid_at) WHERE application_id IS NULL;

CREATE TABLE refund (
    id          UUID PRIMARY KEY,
    payment_id  UUID NOT NULL REFERENCES payment (id),
    amount_fen  BIGINT NOT NULL CHECK (amount_fen > 0),
    reason      TEXT NOT NULL,
    refunded_by TEXT NOT NULL,
    refunded_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX refund_payment ON refund (payment_id);

CREATE TABLE invoice_request (
    id             UUID PRIMARY KEY,
    application_id UUID NOT NULL REFERENCES application (id),
    buyer_name     TEXT NOT NULL,
    tax_number     TEXT NOT NULL,
    amount_fen     BIGINT NOT NULL CHECK (amount_fen > 0),
    email          TEXT NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('REQUESTED', 'ISSUED', 'FAILED')),
    tax_reference  TEXT,
    requested_by   TEXT NOT NULL,
    requested_at   TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX invoice_request_application ON invoice_request (application_id);
