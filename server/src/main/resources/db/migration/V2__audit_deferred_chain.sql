-- Appends no longer wait for each other (docs/architecture.md, "Audit"): a transaction inserts its record
-- with an id only, in the same transaction as the change it records; the chainer gives committed records
-- their number and hash shortly after, in id order, under one advisory lock.
ALTER TABLE audit_record ADD COLUMN id BIGINT;
UPDATE audit_record SET id = seq;
CREATE SEQUENCE audit_record_id_seq OWNED BY audit_record.id;
SELECT setval('audit_record_id_seq', COALESCE((SELECT max(id) FROM audit_record), 0) + 1, false);
ALTER TABLE audit_record DROP CONSTRAINT audit_record_pkey;
ALTER TABLE audit_record ALTER COLUMN id SET DEFAULT nextval('audit_record_id_seq'),
    ALTER COLUMN id SET NOT NULL,
    ALTER COLUMN seq DROP NOT NULL,
    ALTER COLUMN prev_hash DROP NOT NULL,
    ALTER COLUMN hash DROP NOT NULL,
    ADD PRIMARY KEY (id);
CREATE UNIQUE INDEX audit_record_seq ON audit_record (seq);
CREATE INDEX audit_record_unchained ON audit_record (id) WHERE seq IS NULL;
CREATE INDEX audit_record_subject ON audit_record (subject_type, subject_id);
