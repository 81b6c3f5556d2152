-- Token buckets of Bucket4j's PostgreSQL backend (account.CodeRequestLimits): the per-client and the global limit
-- on sign-in code requests, shared by every node. id is the bucket's key ("code-client:<address>", "code-all"),
-- state Bucket4j's serialised bucket, expires_at (epoch milliseconds) when a full bucket may be forgotten.
CREATE TABLE rate_limit_bucket (
    id         TEXT PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);

CREATE INDEX rate_limit_bucket_expires ON rate_limit_bucket (expires_at);

-- A code asked for by a browser that signed in with the number before (its signed-in cookie, EmployerLogin):
-- such codes have their own daily allowance, which strangers' requests cannot use up.
ALTER TABLE employer_login_code ADD COLUMN proven BOOLEAN NOT NULL DEFAULT FALSE;
