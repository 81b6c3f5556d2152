-- Working-day calendar years loaded by an administrator (R-CH-8 interpretation). They extend, and for the
-- same year replace, the notices bundled in classpath:calendar/. The document is kept exactly as loaded.
CREATE TABLE calendar_year (
    year       INT PRIMARY KEY,
    document   TEXT NOT NULL,
    day_count  INT NOT NULL,
    loaded_at  TIMESTAMPTZ NOT NULL,
    loaded_by  TEXT NOT NULL
);
