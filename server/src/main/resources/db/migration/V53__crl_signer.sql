-- A stored CRL belongs to the CA key that signed it (its subjectKeyIdentifier): a node whose CA of the same
-- label has another key (a misconfigured node, a second test service on one database, a future CA key
-- rollover) never serves it, and makes its own. Rows from before have no key id and are never served.
ALTER TABLE crl ADD COLUMN issuer_key_id BYTEA NOT NULL DEFAULT '\x'::bytea;
ALTER TABLE crl DROP CONSTRAINT crl_pkey;
ALTER TABLE crl ADD PRIMARY KEY (ca, issuer_key_id, kind);
