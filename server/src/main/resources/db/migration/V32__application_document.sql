-- Scanned materials uploaded with an application (R-MAT-1..5): PDF, JPEG or PNG, at most 10 MB each, the
-- type read from the content. Kept in the database so a backup holds them with the application.
CREATE TABLE application_document (
    id             UUID PRIMARY KEY,
    application_id UUID NOT NULL REFERENCES application (id),
    item           TEXT NOT NULL,
    filename       TEXT NOT NULL,
    media_type     TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size_bytes     INTEGER NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 10485760),
    sha256         BYTEA NOT NULL,
    content        BYTEA NOT NULL,
    uploaded_by    TEXT NOT NULL,
    uploaded_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX application_document_application ON application_document (application_id, uploaded_at);
