-- A sign-in with the key authorizes one platform once (issue 13): when its code is issued, the provider's session
-- holds nobody any more, so coming back (after signing out at the platform) asks for the key again.
ALTER TABLE key_signin ADD COLUMN authorized_at timestamptz;
