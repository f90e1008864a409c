-- Waiting lists for full shifts. Entries are never deleted: their statuses are the history
-- managers see (waiting, offered, took the place, passed it on, offer ran out, left).

CREATE TABLE waitlist_entries (
    organisation_id BLOB NOT NULL,
    id BLOB NOT NULL,
    shift_id BLOB NOT NULL,
    person_id BLOB NOT NULL REFERENCES people (id),
    status TEXT NOT NULL,
    joined_at TEXT NOT NULL,
    offered_at TEXT,
    offer_expires_at TEXT,
    closed_at TEXT,
    PRIMARY KEY (organisation_id, id),
    FOREIGN KEY (organisation_id, shift_id) REFERENCES shifts (organisation_id, id)
);
-- One open entry (waiting or offered) per volunteer per shift.
CREATE UNIQUE INDEX waitlist_once_per_shift ON waitlist_entries (organisation_id, shift_id, person_id)
    WHERE status IN ('waiting', 'offered');
CREATE INDEX waitlist_shift ON waitlist_entries (organisation_id, shift_id, status, joined_at);
CREATE INDEX waitlist_person ON waitlist_entries (person_id, status);
CREATE INDEX waitlist_offers_due ON waitlist_entries (status, offer_expires_at);
