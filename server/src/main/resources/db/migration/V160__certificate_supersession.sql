-- Issue 11 item 4: an information change no longer revokes the old certificate when the new one is signed.
-- The successor says that it replaces its predecessor (an information change; a renewal does not), and when
-- the employer's USB-key assistant confirmed that it wrote the successor to the key. The predecessor stays
-- valid until then, or until the grace period after the successor was signed ends
-- (orgcert.lifecycle.successor-grace); then it is revoked as superseded.
ALTER TABLE certificate ADD COLUMN replaces_predecessor BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE certificate ADD COLUMN on_key_at TIMESTAMPTZ;
-- Information changes made before: their predecessor was revoked superseded (reason code 4) at once.
UPDATE certificate s SET replaces_predecessor = true FROM certificate p
 WHERE s.predecessor_serial = p.serial AND p.revocation_reason = 4;
-- The grace job reads the replacing successors that are signed and not confirmed on the key.
CREATE INDEX certificate_awaiting_key ON certificate (signed_at)
 WHERE replaces_predecessor AND on_key_at IS NULL AND status = 'VALID';
