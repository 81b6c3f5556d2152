-- The outbox is the record of every SMS (issue 14): whether the gateway took it and what it answered. A message
-- waits (sent_at empty) until a gateway accepts it; each failed attempt is counted, its reason kept (never the
-- number or the text) and the next attempt set later (backoff). next_attempt_at doubles as a claim: a node that
-- sends a message first moves it ahead by a lease, so two nodes never hand the same message to the gateway at once.
ALTER TABLE notification_outbox
    ADD COLUMN attempts           INT NOT NULL DEFAULT 0,
    ADD COLUMN last_error         TEXT,
    ADD COLUMN last_attempt_at    TIMESTAMPTZ,
    ADD COLUMN next_attempt_at    TIMESTAMPTZ,
    ADD COLUMN gateway_message_id TEXT,
    ADD COLUMN template_key       TEXT;

UPDATE notification_outbox SET next_attempt_at = created_at WHERE sent_at IS NULL;

CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at) WHERE sent_at IS NULL;
