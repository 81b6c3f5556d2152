-- A reissue (补办, R-FEE-2) names the lost, damaged or cancelled certificate it replaces.
ALTER TABLE application ADD COLUMN replaces_serial TEXT;
CREATE INDEX application_replaces_serial ON application (replaces_serial) WHERE replaces_serial IS NOT NULL;
