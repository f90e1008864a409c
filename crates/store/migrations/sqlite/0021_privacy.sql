-- UK GDPR: when a profile was erased (or made as a stand-in for someone erased), each
-- organisation's retention rules and privacy notice, the record that an erasure happened (who
-- decided, when, why, what went: no personal data), subject access requests, and the reports of
-- retention runs.

ALTER TABLE people ADD COLUMN erased_at TEXT;

CREATE TABLE privacy_settings (
    organisation_id BLOB PRIMARY KEY REFERENCES organisations (id),
    leavers_after_years INTEGER CHECK (leavers_after_years BETWEEN 1 AND 50),
    unsuccessful_after_months INTEGER CHECK (unsuccessful_after_months BETWEEN 1 AND 120),
    closed_service_users_after_years INTEGER CHECK (closed_service_users_after_years BETWEEN 1 AND 50),
    -- NULL: the default notice, written from the organisation's details.
    notice TEXT,
    updated_at TEXT NOT NULL
);

-- The subject is the stand-in profile an erased person's records now point to, or the service
-- user's record (kept, emptied of personal data).
CREATE TABLE erasures (
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    id BLOB NOT NULL,
    subject TEXT NOT NULL,
    subject_id BLOB NOT NULL,
    reason TEXT NOT NULL,
    note TEXT NOT NULL,
    erased_by BLOB REFERENCES people (id),
    erased_at TEXT NOT NULL,
    profile_erased BOOLEAN NOT NULL,
    removed TEXT NOT NULL,
    PRIMARY KEY (organisation_id, id)
);
CREATE INDEX erasures_subject ON erasures (subject_id);

-- NULL organisation: the person's own request, for everything held about them.
CREATE TABLE subject_access_requests (
    id BLOB PRIMARY KEY,
    person_id BLOB NOT NULL REFERENCES people (id),
    organisation_id BLOB REFERENCES organisations (id),
    requested_by BLOB REFERENCES people (id),
    requested_at TEXT NOT NULL
);
CREATE INDEX subject_access_requests_person ON subject_access_requests (person_id, requested_at);

CREATE TABLE retention_runs (
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    id BLOB NOT NULL,
    ran_at TEXT NOT NULL,
    ran_by BLOB REFERENCES people (id),
    report TEXT NOT NULL,
    PRIMARY KEY (organisation_id, id)
);
CREATE INDEX retention_runs_when ON retention_runs (organisation_id, ran_at);
