-- The triangle of support: service users and carers, their health notes (special-category
-- data, kept apart), carers' links, referrals, volunteers' match profiles, matches, contacts,
-- safeguarding leads and concerns, and postcode locations for travel distance.

CREATE TABLE supported_people (
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    id BLOB NOT NULL,
    person_id BLOB REFERENCES people (id),
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    address TEXT NOT NULL,
    postcode TEXT,
    date_of_birth TEXT,
    age_band TEXT NOT NULL,
    language TEXT NOT NULL,
    communication_needs TEXT NOT NULL,
    access_needs TEXT NOT NULL,
    volunteer_gender TEXT,
    interests TEXT NOT NULL,
    days INTEGER NOT NULL,
    consent_to_support_on TEXT,
    consent_to_support_method TEXT,
    consent_to_data_on TEXT,
    consent_to_data_method TEXT,
    status TEXT,
    closure_reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (organisation_id, id)
);
CREATE INDEX supported_people_status ON supported_people (organisation_id, status);
CREATE INDEX supported_people_person ON supported_people (person_id);

-- Special-category data: read only through an audited use case.
CREATE TABLE health_notes (
    organisation_id BLOB NOT NULL,
    supported_person_id BLOB NOT NULL,
    notes TEXT NOT NULL,
    updated_by BLOB NOT NULL REFERENCES people (id),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (organisation_id, supported_person_id),
    FOREIGN KEY (organisation_id, supported_person_id) REFERENCES supported_people (organisation_id, id)
);

CREATE TABLE carer_links (
    organisation_id BLOB NOT NULL,
    carer_id BLOB NOT NULL,
    cared_for_id BLOB NOT NULL,
    relationship TEXT NOT NULL,
    PRIMARY KEY (organisation_id, carer_id, cared_for_id),
    FOREIGN KEY (organisation_id, carer_id) REFERENCES supported_people (organisation_id, id),
    FOREIGN KEY (organisation_id, cared_for_id) REFERENCES supported_people (organisation_id, id),
    CHECK (carer_id <> cared_for_id)
);
CREATE INDEX carer_links_cared_for ON carer_links (organisation_id, cared_for_id);

CREATE TABLE referrals (
    organisation_id BLOB NOT NULL,
    id BLOB NOT NULL,
    supported_person_id BLOB NOT NULL,
    source TEXT NOT NULL,
    referrer_name TEXT NOT NULL,
    referrer_email TEXT,
    referred_by BLOB REFERENCES people (id),
    partner_organisation_id BLOB REFERENCES organisations (id),
    support_type TEXT NOT NULL,
    urgency TEXT NOT NULL,
    need TEXT NOT NULL,
    received_at TEXT NOT NULL,
    status TEXT NOT NULL,
    decision_note TEXT NOT NULL,
    decided_at TEXT,
    decided_by BLOB REFERENCES people (id),
    PRIMARY KEY (organisation_id, id),
    FOREIGN KEY (organisation_id, supported_person_id) REFERENCES supported_people (organisation_id, id)
);
CREATE INDEX referrals_queue ON referrals (organisation_id, status, received_at);

CREATE TABLE match_profiles (
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    person_id BLOB NOT NULL REFERENCES people (id),
    capacity INTEGER NOT NULL,
    travel_miles INTEGER NOT NULL,
    days INTEGER NOT NULL,
    gender TEXT,
    support_types TEXT NOT NULL,
    PRIMARY KEY (organisation_id, person_id)
);

CREATE TABLE matches (
    organisation_id BLOB NOT NULL,
    id BLOB NOT NULL,
    supported_person_id BLOB NOT NULL,
    volunteer_id BLOB NOT NULL REFERENCES people (id),
    role_id BLOB NOT NULL,
    support_type TEXT NOT NULL,
    status TEXT NOT NULL,
    fit_score INTEGER NOT NULL,
    reasons TEXT NOT NULL,
    contact_every_days INTEGER NOT NULL,
    proposed_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    started_on TEXT,
    end_reason TEXT NOT NULL,
    PRIMARY KEY (organisation_id, id),
    FOREIGN KEY (organisation_id, supported_person_id) REFERENCES supported_people (organisation_id, id),
    FOREIGN KEY (organisation_id, role_id) REFERENCES roles (organisation_id, id)
);
CREATE INDEX matches_volunteer ON matches (volunteer_id, status);
CREATE INDEX matches_supported_person ON matches (organisation_id, supported_person_id);
-- One open match between the same two people.
CREATE UNIQUE INDEX matches_one_open ON matches (organisation_id, supported_person_id, volunteer_id)
    WHERE status IN ('proposed', 'accepted', 'introduced', 'active');

CREATE TABLE contacts (
    organisation_id BLOB NOT NULL,
    id BLOB NOT NULL,
    match_id BLOB NOT NULL,
    supported_person_id BLOB NOT NULL,
    volunteer_id BLOB NOT NULL REFERENCES people (id),
    on_date TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    kind TEXT NOT NULL,
    note TEXT NOT NULL,
    concerns BOOLEAN NOT NULL,
    logged_by BLOB NOT NULL REFERENCES people (id),
    logged_at TEXT NOT NULL,
    PRIMARY KEY (organisation_id, id),
    FOREIGN KEY (organisation_id, match_id) REFERENCES matches (organisation_id, id)
);
CREATE INDEX contacts_match ON contacts (organisation_id, match_id, on_date);
CREATE INDEX contacts_supported_person ON contacts (organisation_id, supported_person_id, on_date);

CREATE TABLE safeguarding_leads (
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    person_id BLOB NOT NULL REFERENCES people (id),
    deputy BOOLEAN NOT NULL,
    PRIMARY KEY (organisation_id, person_id)
);

CREATE TABLE concerns (
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    id BLOB NOT NULL,
    subject TEXT NOT NULL,
    supported_person_id BLOB,
    volunteer_id BLOB REFERENCES people (id),
    subject_name TEXT NOT NULL,
    urgent BOOLEAN NOT NULL,
    raised_by BLOB NOT NULL REFERENCES people (id),
    raised_at TEXT NOT NULL,
    PRIMARY KEY (organisation_id, id)
);
CREATE INDEX concerns_raised_by ON concerns (raised_by);

CREATE TABLE concern_entries (
    organisation_id BLOB NOT NULL,
    id BLOB NOT NULL,
    concern_id BLOB NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    by_person BLOB REFERENCES people (id),
    at TEXT NOT NULL,
    PRIMARY KEY (organisation_id, id),
    FOREIGN KEY (organisation_id, concern_id) REFERENCES concerns (organisation_id, id)
);
CREATE INDEX concern_entries_concern ON concern_entries (organisation_id, concern_id, at);

-- Each service user's named staff contact.
CREATE TABLE staff_contacts (
    organisation_id BLOB NOT NULL,
    supported_person_id BLOB NOT NULL,
    person_id BLOB NOT NULL REFERENCES people (id),
    PRIMARY KEY (organisation_id, supported_person_id),
    FOREIGN KEY (organisation_id, supported_person_id) REFERENCES supported_people (organisation_id, id)
);

-- Feedback from a service user or carer about their own support (not anonymous: it shows on
-- their record). Given by their own link (kept as it is: it is meant to be sent or printed, and
-- only lets its holder give feedback about that person's support) or recorded by staff.
CREATE TABLE support_feedback (
    organisation_id BLOB NOT NULL,
    id BLOB NOT NULL,
    supported_person_id BLOB NOT NULL,
    rating TEXT NOT NULL,
    answered_by TEXT NOT NULL,
    comment TEXT NOT NULL,
    recorded_by BLOB REFERENCES people (id),
    given_on TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (organisation_id, id),
    FOREIGN KEY (organisation_id, supported_person_id) REFERENCES supported_people (organisation_id, id)
);
CREATE INDEX support_feedback_person ON support_feedback (organisation_id, supported_person_id, given_on);

CREATE TABLE support_feedback_links (
    organisation_id BLOB NOT NULL,
    supported_person_id BLOB NOT NULL,
    token TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (organisation_id, supported_person_id),
    FOREIGN KEY (organisation_id, supported_person_id) REFERENCES supported_people (organisation_id, id)
);

CREATE TABLE postcode_locations (
    postcode TEXT PRIMARY KEY,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL
);

-- A concern's record is only ever added to: the database itself refuses changes and deletions.
CREATE TRIGGER concerns_append_only_update BEFORE UPDATE ON concerns
BEGIN SELECT RAISE(ABORT, 'safeguarding records are append-only'); END;
CREATE TRIGGER concerns_append_only_delete BEFORE DELETE ON concerns
BEGIN SELECT RAISE(ABORT, 'safeguarding records are append-only'); END;
CREATE TRIGGER concern_entries_append_only_update BEFORE UPDATE ON concern_entries
BEGIN SELECT RAISE(ABORT, 'safeguarding records are append-only'); END;
CREATE TRIGGER concern_entries_append_only_delete BEFORE DELETE ON concern_entries
BEGIN SELECT RAISE(ABORT, 'safeguarding records are append-only'); END;
