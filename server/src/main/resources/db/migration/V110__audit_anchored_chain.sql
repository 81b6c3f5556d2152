-- The audit chain moves out of audit_record into its own insert-only table, keyed with a secret the database
-- never sees (docs/architecture.md, "Audit"): at run time the service only INSERTs and SELECTs audit records
-- and links; the one row of audit_chain (the head) is the only thing it updates.

-- 1. Records still waiting for the old chainer are chained here the old way (unkeyed SHA-256, the encoding of
--    AuditHash), so that the old part of the chain is complete and every later link is keyed.
DO $$
DECLARE
    r      RECORD;
    s      BIGINT;
    prev   BYTEA;
    buf    BYTEA;
    hashed BYTEA;
    micros BIGINT;
    f      TEXT;
BEGIN
    SELECT seq, hash INTO s, prev FROM audit_record WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1;
    IF s IS NULL THEN
        s := 0;
        prev := decode(repeat('00', 32), 'hex');
    END IF;
    FOR r IN SELECT * FROM audit_record WHERE seq IS NULL ORDER BY id LOOP
        s := s + 1;
        micros := (extract(epoch FROM r.occurred_at) * 1000000)::bigint;
        buf := prev || int8send(s) || int8send(floor(micros / 1000000.0)::bigint)
            || int4send(((micros - floor(micros / 1000000.0)::bigint * 1000000) * 1000)::int);
        FOREACH f IN ARRAY ARRAY[r.actor, r.action, r.subject_type, r.subject_id, r.detail] LOOP
            buf := buf || int4send(octet_length(convert_to(f, 'UTF8'))) || convert_to(f, 'UTF8');
        END LOOP;
        hashed := sha256(buf);
        UPDATE audit_record SET seq = s, prev_hash = prev, hash = hashed WHERE id = r.id;
        prev := hashed;
    END LOOP;
END $$;

-- 2. The links: one per chained record, in chain order. Written once by the chainer, never changed.
CREATE TABLE audit_link (
    seq       BIGINT PRIMARY KEY,
    record_id BIGINT NOT NULL UNIQUE REFERENCES audit_record (id),
    prev_hash BYTEA NOT NULL,
    hash      BYTEA NOT NULL
);
INSERT INTO audit_link (seq, record_id, prev_hash, hash)
    SELECT seq, id, prev_hash, hash FROM audit_record WHERE seq IS NOT NULL;

-- 3. The head, in its own table so that UPDATE can be granted on it alone. horizon: every audit record of a
--    transaction older than this one (pg_current_xact_id) is linked or was refused; the chainer looks only at
--    records of younger transactions, so its pass costs the same with a million records as with ten.
CREATE TABLE audit_chain (
    one       BOOLEAN PRIMARY KEY DEFAULT true CHECK (one),
    records   BIGINT NOT NULL,
    head_hash BYTEA NOT NULL,
    horizon   BIGINT NOT NULL
);
INSERT INTO audit_chain (records, head_hash, horizon)
    SELECT count(*), COALESCE((SELECT hash FROM audit_link ORDER BY seq DESC LIMIT 1), decode(repeat('00', 32), 'hex')),
        pg_current_xact_id()::text::bigint
    FROM audit_link;

-- 4. Each record carries the MAC its writer gave it (null for the records from before) and its transaction.
DROP INDEX audit_record_unchained;
DROP INDEX audit_record_seq;
ALTER TABLE audit_record DROP COLUMN seq, DROP COLUMN prev_hash, DROP COLUMN hash,
    ADD COLUMN mac BYTEA,
    ADD COLUMN txid BIGINT NOT NULL DEFAULT 0;
ALTER TABLE audit_record ALTER COLUMN txid SET DEFAULT (pg_current_xact_id()::text::bigint);
CREATE INDEX audit_record_txid ON audit_record (txid);
