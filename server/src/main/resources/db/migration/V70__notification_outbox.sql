-- Messages to people (notification capability): written in the transaction that decides to send them,
-- handed to the channel's sender after commit; sent_at stays empty while a message waits in the outbox
-- (always, with the default OutboxOnlySmsSender). recipient and text are AES-256-GCM ciphertexts
-- (personal-data key; message id + column as associated data): a text may hold a one-time code.
CREATE TABLE notification_outbox (
    id               UUID PRIMARY KEY,
    channel          TEXT NOT NULL CHECK (channel IN ('SMS')),
    recipient_masked TEXT NOT NULL,
    recipient        BYTEA NOT NULL,
    text             BYTEA NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    sent_at          TIMESTAMPTZ
);

CREATE INDEX notification_outbox_created ON notification_outbox (created_at);
