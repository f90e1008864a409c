-- Managers' changes to shifts: why a shift was cancelled and when, and finding a series' later
-- shifts quickly (to change every future occurrence at once).

CREATE TABLE shift_cancellations (
    organisation_id BLOB NOT NULL,
    shift_id BLOB NOT NULL,
    reason TEXT NOT NULL,
    cancelled_at TEXT NOT NULL,
    PRIMARY KEY (organisation_id, shift_id),
    FOREIGN KEY (organisation_id, shift_id) REFERENCES shifts (organisation_id, id)
);

CREATE INDEX shifts_series ON shifts (organisation_id, series_id, starts_at);
