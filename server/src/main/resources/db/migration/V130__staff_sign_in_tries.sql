-- Sign-in tries are counted before the password is checked (SignInTries): tries_pending holds the tries being
-- checked right now, so that failed_logins + tries_pending never exceeds 5 and parallel guesses cannot get more
-- than 5 checks per 15-minute lock. tries_pending_since is when the latest try started: a count older than a
-- minute belongs to a node that stopped mid-check and is ignored.
ALTER TABLE staff_account
    ADD COLUMN tries_pending       INT NOT NULL DEFAULT 0 CHECK (tries_pending >= 0),
    ADD COLUMN tries_pending_since TIMESTAMPTZ;
