-- The browser that made a sign-in with the key finds it again by a cookie of its own, not by a web session (issue 13:
-- a session row written and read at every step was most of a sign-in's cost). Only the SHA-256 of the cookie's random
-- value is kept, as for codes and tokens; a sign-in found this way must still be active and not yet used.
ALTER TABLE key_signin ADD COLUMN browser_hash bytea;
CREATE UNIQUE INDEX key_signin_browser ON key_signin (browser_hash) WHERE authorized_at IS NULL;
