-- Onboarding and compliance: each organisation's catalogue of checks and training, what each
-- role needs, each person's records, placements in roles, references, and the job queue.

ALTER TABLE roles ADD COLUMN dbs_workforce TEXT;
ALTER TABLE roles ADD COLUMN references_required INTEGER NOT NULL DEFAULT 0;
-- Catalogue ids, one per line (like a supervisor's sites); checked against the catalogue in app.
ALTER TABLE roles ADD COLUMN requirement_type_ids TEXT NOT NULL DEFAULT '';

CREATE TABLE requirement_types (
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    id BLOB NOT NULL,
    code TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    framework TEXT,
    validity_months INTEGER,
    built_in INTEGER NOT NULL,
    PRIMARY KEY (organisation_id, id),
    UNIQUE (organisation_id, code)
);

CREATE TABLE checks (
    organisation_id BLOB NOT NULL,
    id BLOB NOT NULL,
    person_id BLOB NOT NULL REFERENCES people (id),
    requirement_type_id BLOB NOT NULL,
    status TEXT NOT NULL,
    issued_on TEXT,
    expires_on TEXT,
    reference TEXT NOT NULL,
    note TEXT NOT NULL,
    waiver_reason TEXT NOT NULL,
    waived_until TEXT,
    submitted_at TEXT,
    submitted_by TEXT NOT NULL,
    decided_at TEXT,
    decided_by TEXT NOT NULL,
    dbs_level TEXT,
    dbs_workforce TEXT,
    dbs_certificate_number TEXT,
    dbs_outcome TEXT,
    dbs_update_service INTEGER NOT NULL DEFAULT 0,
    dbs_status_checked_on TEXT,
    dbs_details_removed_at TEXT,
    PRIMARY KEY (organisation_id, id),
    UNIQUE (organisation_id, person_id, requirement_type_id),
    FOREIGN KEY (organisation_id, requirement_type_id) REFERENCES requirement_types (organisation_id, id)
);
CREATE INDEX checks_expiry ON checks (expires_on);
CREATE INDEX checks_decided ON checks (dbs_details_removed_at, decided_at);

CREATE TABLE placements (
    organisation_id BLOB NOT NULL,
    id BLOB NOT NULL,
    person_id BLOB NOT NULL REFERENCES people (id),
    role_id BLOB NOT NULL,
    application_id BLOB,
    status TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    accepted_at TEXT NOT NULL,
    activated_at TEXT,
    ended_at TEXT,
    PRIMARY KEY (organisation_id, id),
    FOREIGN KEY (organisation_id, role_id) REFERENCES roles (organisation_id, id)
);
-- One current placement per person per role, even under a double-click.
CREATE UNIQUE INDEX placements_one_current ON placements (organisation_id, person_id, role_id)
    WHERE status <> 'ended';
CREATE INDEX placements_board ON placements (organisation_id, status, accepted_at);
CREATE INDEX placements_person ON placements (person_id);

CREATE TABLE reference_requests (
    organisation_id BLOB NOT NULL,
    id BLOB NOT NULL,
    person_id BLOB NOT NULL REFERENCES people (id),
    check_id BLOB NOT NULL,
    referee_name TEXT NOT NULL,
    referee_email TEXT NOT NULL,
    relationship TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    requested_at TEXT NOT NULL,
    known_for TEXT,
    suitability TEXT,
    recommends INTEGER,
    received_at TEXT,
    PRIMARY KEY (organisation_id, id),
    FOREIGN KEY (organisation_id, check_id) REFERENCES checks (organisation_id, id)
);

-- Background jobs. The dedupe key makes scheduling idempotent; a job's effects and its
-- completion commit together, so each runs exactly once however many servers share the queue.
CREATE TABLE jobs (
    id BLOB PRIMARY KEY,
    kind TEXT NOT NULL,
    dedupe_key TEXT NOT NULL UNIQUE,
    organisation_id BLOB,
    payload TEXT NOT NULL,
    run_at TEXT NOT NULL,
    claimed_by TEXT,
    claimed_until TEXT,
    attempts INTEGER NOT NULL,
    done_at TEXT,
    last_error TEXT NOT NULL
);
CREATE INDEX jobs_due ON jobs (done_at, run_at);
