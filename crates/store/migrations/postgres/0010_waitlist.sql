-- Waiting lists for full shifts. Entries are never deleted: their statuses are the history
-- managers see (waiting, offered, took the place, passed it on, offer ran out, left).

CREATE TABLE waitlist_entries (
    organisation_id UUID NOT NULL,
    id UUID NOT NULL,
    shift_id UUID NOT NULL,
    person_id UUID NOT NULL REFERENCES people (id),
    status TEXT NOT NULL,
    joined_at TIMESTAMPTZ NOT NULL,
    offered_at TIMESTAMPTZ,
    offer_expires_at TIMESTAMPTZ,
    closed_at TIMESTAMPTZ,
    PRIMARY KEY (organisation_id, id),
    FOREIGN KEY (organisation_id, shift_id) REFERENCES shifts (organisation_id, id)
);
-- One open entry (waiting or offered) per volunteer per shift.
CREATE UNIQUE INDEX waitlist_once_per_shift ON waitlist_entries (organisation_id, shift_id, person_id)
    WHERE status IN ('waiting', 'offered');
CREATE INDEX waitlist_shift ON waitlist_entries (organisation_id, shift_id, status, joined_at);
CREATE INDEX waitlist_person ON waitlist_entries (person_id, status);
CREATE INDEX waitlist_offers_due ON waitlist_entries (status, offer_expires_at);
