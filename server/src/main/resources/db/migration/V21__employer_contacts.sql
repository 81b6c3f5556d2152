-- An employer's contact people (R-MAT-5: the agent's name and mobile number), in the order given.
-- mobile is AES-256-GCM ciphertext (employer id + column as associated data); mobile_index its blind index.
CREATE TABLE employer_contact (
    employer_id  UUID NOT NULL REFERENCES employer (id),
    position     INT NOT NULL,
    name         TEXT NOT NULL,
    mobile       BYTEA NOT NULL,
    mobile_index BYTEA NOT NULL,
    email        TEXT,
    PRIMARY KEY (employer_id, position)
);

CREATE INDEX employer_contact_mobile_index ON employer_contact (mobile_index);
