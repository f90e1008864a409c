-- Quality and outcomes: licences recorded for instruments that need one, each organisation's
-- survey plan per occasion, the invitations sent, the answers kept, and the outcome framework
-- of each role with the activity logged against it.

CREATE TABLE instrument_licences (
    organisation_id UUID NOT NULL REFERENCES organisations (id),
    instrument TEXT NOT NULL,
    registered_on DATE NOT NULL,
    reference TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (organisation_id, instrument)
);

CREATE TABLE survey_plans (
    organisation_id UUID NOT NULL REFERENCES organisations (id),
    occasion TEXT NOT NULL,
    enabled BOOLEAN NOT NULL,
    instruments TEXT NOT NULL,
    anonymous BOOLEAN NOT NULL,
    close_after_days INTEGER NOT NULL,
    remind_after_days INTEGER NOT NULL,
    pulse_one_in INTEGER NOT NULL,
    PRIMARY KEY (organisation_id, occasion)
);

-- An invitation records whether it was answered, never when: anonymous answers carry only
-- their month, so nothing here can be matched to them.
CREATE TABLE survey_invitations (
    organisation_id UUID NOT NULL,
    id UUID NOT NULL,
    person_id UUID NOT NULL REFERENCES people (id),
    role_id UUID,
    site_id UUID,
    occasion TEXT NOT NULL,
    subject TEXT NOT NULL,
    instruments TEXT NOT NULL,
    anonymous BOOLEAN NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    reminder_token_hash TEXT UNIQUE,
    sent_at TIMESTAMPTZ NOT NULL,
    closes_at TIMESTAMPTZ NOT NULL,
    remind_at TIMESTAMPTZ,
    reminded BOOLEAN NOT NULL,
    answered BOOLEAN NOT NULL,
    PRIMARY KEY (organisation_id, id),
    UNIQUE (organisation_id, person_id, occasion, subject),
    FOREIGN KEY (organisation_id) REFERENCES organisations (id)
);
CREATE INDEX survey_invitations_person ON survey_invitations (person_id, sent_at);
CREATE INDEX survey_invitations_reminders ON survey_invitations (reminded, answered, remind_at);

-- An anonymous response's key is random (no time in it) and it keeps only its month.
CREATE TABLE survey_responses (
    organisation_id UUID NOT NULL REFERENCES organisations (id),
    id UUID NOT NULL,
    occasion TEXT NOT NULL,
    instrument TEXT NOT NULL,
    instrument_version INTEGER NOT NULL,
    person_id UUID REFERENCES people (id),
    role_id UUID,
    site_id UUID,
    answered_on DATE NOT NULL,
    answers TEXT NOT NULL,
    PRIMARY KEY (organisation_id, id)
);
CREATE INDEX survey_responses_person ON survey_responses (person_id, answered_on);
CREATE INDEX survey_responses_instrument ON survey_responses (organisation_id, instrument, answered_on);

CREATE TABLE outcome_indicators (
    organisation_id UUID NOT NULL,
    id UUID NOT NULL,
    role_id UUID NOT NULL,
    name TEXT NOT NULL,
    unit TEXT NOT NULL,
    minutes_each INTEGER,
    retired BOOLEAN NOT NULL,
    PRIMARY KEY (organisation_id, id),
    FOREIGN KEY (organisation_id, role_id) REFERENCES roles (organisation_id, id)
);
CREATE INDEX outcome_indicators_role ON outcome_indicators (organisation_id, role_id);

CREATE TABLE activity_records (
    organisation_id UUID NOT NULL,
    id UUID NOT NULL,
    indicator_id UUID NOT NULL,
    person_id UUID NOT NULL REFERENCES people (id),
    logged_by TEXT NOT NULL,
    done_on DATE NOT NULL,
    quantity INTEGER NOT NULL,
    note TEXT NOT NULL,
    logged_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (organisation_id, id),
    FOREIGN KEY (organisation_id, indicator_id) REFERENCES outcome_indicators (organisation_id, id)
);
CREATE INDEX activity_records_indicator ON activity_records (organisation_id, indicator_id, done_on);
CREATE INDEX activity_records_person ON activity_records (person_id, done_on);
