-- Volunteers' calendar feeds (only the SHA-256 of the secret token in the address is kept; one
-- feed a person, replaced when they make a new address) and their notification preferences.

CREATE TABLE calendar_feeds (
    person_id UUID PRIMARY KEY REFERENCES people (id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL
);

-- One row per kind a person has chosen a channel for; a kind without a row goes by email.
CREATE TABLE notification_preferences (
    person_id UUID NOT NULL REFERENCES people (id),
    kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    PRIMARY KEY (person_id, kind)
);

-- The day-before reminders look for shifts by start time across organisations.
CREATE INDEX shifts_starting ON shifts (starts_at);
