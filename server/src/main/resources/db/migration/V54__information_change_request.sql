-- Information-change requests (R-FEE-1 c): the employer's agent asks for a new registered name, legal
-- representative and/or address of a certificate, with a reason and a scan of the supporting paper;
-- customer service approves (InformationChanges issues the successor) or rejects with a reason.
-- There is no USCC column: a certificate's USCC cannot change (R-CERT-5), so no request can ask for it.
-- The current_* columns are what the employer had when asking, shown beside the requested values.
CREATE TABLE information_change_request (
    id                           UUID PRIMARY KEY,
    certificate_serial           NUMERIC(49, 0) NOT NULL REFERENCES certificate (serial),
    state                        TEXT NOT NULL CHECK (state IN ('PENDING', 'APPROVED', 'REJECTED')),
    current_name                 TEXT NOT NULL,
    current_legal_representative TEXT NOT NULL,
    current_address              TEXT,
    employer_name                TEXT,
    legal_representative         TEXT,
    address                      TEXT,
    reason                       TEXT NOT NULL,
    scan_filename                TEXT NOT NULL,
    scan_media_type              TEXT NOT NULL CHECK (scan_media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    scan_size_bytes              INTEGER NOT NULL CHECK (scan_size_bytes > 0 AND scan_size_bytes <= 10485760),
    scan_sha256                  BYTEA NOT NULL,
    scan                         BYTEA NOT NULL,
    requested_by                 TEXT NOT NULL,
    requested_at                 TIMESTAMPTZ NOT NULL,
    decided_by                   TEXT,
    decided_at                   TIMESTAMPTZ,
    rejection_reason             TEXT,
    CHECK (employer_name IS NOT NULL OR legal_representative IS NOT NULL OR address IS NOT NULL)
);
-- At most one request per certificate waits for customer service; racing requests meet here.
CREATE UNIQUE INDEX information_change_request_one_pending ON information_change_request (certificate_serial)
    WHERE state = 'PENDING';
CREATE INDEX information_change_request_certificate ON information_change_request (certificate_serial, requested_at);
CREATE INDEX information_change_request_pending ON information_change_request (requested_at) WHERE state = 'PENDING';
