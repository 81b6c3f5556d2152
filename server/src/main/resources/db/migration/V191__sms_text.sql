-- The bureau's own SMS texts (issue 14, R-SMS-2): a row replaces the default text of one step (notification.SmsText);
-- no row, the default. Changed only by a bureau administrator, each change audited (sms-text.changed).
CREATE TABLE sms_text (
    key        TEXT PRIMARY KEY,
    text       TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL
);
