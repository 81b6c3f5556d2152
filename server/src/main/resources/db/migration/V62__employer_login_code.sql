-- One-time sign-in codes of employer agents. The mobile number is only a keyed blind index (HMAC, the
-- personal-data key) and the code only a keyed HMAC over (code id, code): a database reader learns neither.
-- Rows also serve the rate limits (1 per minute, 10 per day per number).
CREATE TABLE employer_login_code (
    id           UUID PRIMARY KEY,
    mobile_index BYTEA NOT NULL,
    code_hash    BYTEA NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    attempts     INT NOT NULL DEFAULT 0,
    used_at      TIMESTAMPTZ
);

CREATE INDEX employer_login_code_mobile ON employer_login_code (mobile_index, created_at);
