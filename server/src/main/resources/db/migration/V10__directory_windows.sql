-- The county/district windows (R-CH-8). Filled and kept equal to classpath:directory/windows.csv, the single
-- source, by the service at start (WindowSync). A window dropped from the CSV stays, unlisted, because
-- applications will refer to it by id.
CREATE TABLE service_window (
    id            TEXT PRIMARY KEY,
    position      INT NOT NULL,
    name          TEXT NOT NULL,
    division_code TEXT,
    address       TEXT NOT NULL,
    phones        TEXT[] NOT NULL,
    hours         TEXT NOT NULL,
    listed        BOOLEAN NOT NULL DEFAULT TRUE
);
