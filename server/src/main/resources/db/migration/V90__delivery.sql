-- Window pick-up phone notices (R-CH-5): the window clerks' call list.
CREATE TABLE phone_notice_task (
    application_id UUID PRIMARY KEY,
    window_id      TEXT NOT NULL,
    due_from       DATE NOT NULL,
    due_until      DATE NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    done_at        TIMESTAMPTZ,
    done_by        TEXT
);
CREATE INDEX phone_notice_task_open_idx ON phone_notice_task (window_id) WHERE done_at IS NULL;

