-- Charges of an application withdrawn before production are voided, not deleted: owed and reported only while
-- voided_at is null.
ALTER TABLE charge ADD COLUMN voided_at TIMESTAMPTZ;
