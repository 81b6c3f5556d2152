-- Staff accounts (account capability). password_hash is a DelegatingPasswordEncoder string ({bcrypt}…,
-- {argon2@SpringSecurity_v5_8}…); the password itself is never stored. After 5 failed sign-ins in a row
-- the account is locked until locked_until (15 minutes).
CREATE TABLE staff_account (
    username      TEXT PRIMARY KEY CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,39}$'),
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('WINDOW_CLERK', 'CA_CLERK', 'CA_REVIEWER', 'CA_OPERATOR',
                                                'CA_SERVICE', 'BUREAU_ADMIN', 'AUDITOR')),
    window_id     TEXT,
    enabled       BOOLEAN NOT NULL DEFAULT TRUE,
    failed_logins INT NOT NULL DEFAULT 0,
    locked_until  TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    -- A window clerk is bound to exactly one window; nobody else is.
    CHECK ((role = 'WINDOW_CLERK') = (window_id IS NOT NULL))
);
