-- Learning events run by a network or by one organisation: series (a year's line-up), the
-- events, registrations with their waiting list, and attendees' feedback. An event belongs to a
-- network or an organisation (exactly one), so these tables sit beside the network tables,
-- keyed by their own ids rather than by an organisation.

CREATE TABLE event_series (
    id BLOB PRIMARY KEY,
    network_id BLOB REFERENCES networks (id),
    organisation_id BLOB REFERENCES organisations (id),
    name TEXT NOT NULL,
    year INTEGER NOT NULL,
    CHECK ((network_id IS NULL) <> (organisation_id IS NULL))
);

CREATE TABLE learning_events (
    id BLOB PRIMARY KEY,
    network_id BLOB REFERENCES networks (id),
    organisation_id BLOB REFERENCES organisations (id),
    series_id BLOB REFERENCES event_series (id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    audience_note TEXT NOT NULL,
    visibility TEXT NOT NULL,
    format TEXT NOT NULL,
    venue TEXT,
    joining_link TEXT,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity >= 1),
    member_price_pence INTEGER NOT NULL CHECK (member_price_pence >= 0),
    non_member_price_pence INTEGER NOT NULL CHECK (non_member_price_pence >= 0),
    cancelled BOOLEAN NOT NULL,
    created_at TEXT NOT NULL,
    CHECK ((network_id IS NULL) <> (organisation_id IS NULL)),
    CHECK (ends_at > starts_at)
);
CREATE INDEX learning_events_network ON learning_events (network_id, starts_at);
CREATE INDEX learning_events_organisation ON learning_events (organisation_id, starts_at);

CREATE TABLE event_registrations (
    id BLOB PRIMARY KEY,
    event_id BLOB NOT NULL REFERENCES learning_events (id),
    person_id BLOB NOT NULL REFERENCES people (id),
    status TEXT NOT NULL,
    member BOOLEAN NOT NULL,
    price_pence INTEGER NOT NULL,
    registered_at TEXT NOT NULL,
    offered_at TEXT,
    offer_expires_at TEXT,
    closed_at TEXT
);
-- A person holds at most one live registration for an event (a second is refused).
CREATE UNIQUE INDEX event_registrations_one_live ON event_registrations (event_id, person_id)
    WHERE status NOT IN ('cancelled', 'lapsed');
CREATE INDEX event_registrations_event ON event_registrations (event_id, status, registered_at);
CREATE INDEX event_registrations_person ON event_registrations (person_id);

CREATE TABLE event_feedback (
    registration_id BLOB PRIMARY KEY REFERENCES event_registrations (id),
    event_id BLOB NOT NULL REFERENCES learning_events (id),
    useful INTEGER NOT NULL CHECK (useful BETWEEN 1 AND 5),
    comments TEXT NOT NULL,
    will_do_differently TEXT NOT NULL,
    given_at TEXT NOT NULL
);
CREATE INDEX event_feedback_event ON event_feedback (event_id);

-- Learning people record themselves for their learning record (outside these events).
CREATE TABLE cpd_entries (
    id BLOB PRIMARY KEY,
    person_id BLOB NOT NULL REFERENCES people (id),
    title TEXT NOT NULL,
    provider TEXT NOT NULL,
    done_on TEXT NOT NULL,
    minutes INTEGER NOT NULL CHECK (minutes > 0),
    created_at TEXT NOT NULL
);
CREATE INDEX cpd_entries_person ON cpd_entries (person_id, done_on);
