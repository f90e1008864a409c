-- Foundation schema for PostgreSQL.
-- Organisation-owned tables carry organisation_id in their primary key (sharding by tenant).

CREATE TABLE organisations (
    id UUID PRIMARY KEY,
    name TEXT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    sector TEXT NOT NULL,
    kind TEXT NOT NULL,
    ods_code TEXT,
    charity_number TEXT,
    address TEXT NOT NULL,
    postcode TEXT NOT NULL
);

CREATE TABLE sites (
    organisation_id UUID NOT NULL REFERENCES organisations (id),
    id UUID NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    postcode TEXT,
    PRIMARY KEY (organisation_id, id)
);

CREATE TABLE people (
    id UUID PRIMARY KEY,
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    preferred_name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    phone TEXT,
    date_of_birth DATE,
    postcode TEXT,
    languages TEXT NOT NULL,
    skills TEXT NOT NULL,
    interests TEXT NOT NULL,
    accessibility_needs TEXT NOT NULL,
    password_hash TEXT
);

CREATE TABLE roles (
    organisation_id UUID NOT NULL REFERENCES organisations (id),
    id UUID NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    description TEXT NOT NULL,
    setting TEXT NOT NULL,
    activities TEXT NOT NULL,
    time_commitment TEXT NOT NULL,
    minimum_age INTEGER NOT NULL,
    dbs_level TEXT NOT NULL,
    status TEXT NOT NULL,
    non_substitution_statement TEXT NOT NULL,
    PRIMARY KEY (organisation_id, id)
);
CREATE INDEX roles_status ON roles (status);

CREATE TABLE role_sites (
    organisation_id UUID NOT NULL,
    role_id UUID NOT NULL,
    site_id UUID NOT NULL,
    PRIMARY KEY (organisation_id, role_id, site_id),
    FOREIGN KEY (organisation_id, role_id) REFERENCES roles (organisation_id, id),
    FOREIGN KEY (organisation_id, site_id) REFERENCES sites (organisation_id, id)
);

CREATE TABLE engagements (
    organisation_id UUID NOT NULL REFERENCES organisations (id),
    id UUID NOT NULL,
    person_id UUID NOT NULL REFERENCES people (id),
    status TEXT NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    leaving_reason TEXT,
    leaving_note TEXT NOT NULL,
    PRIMARY KEY (organisation_id, id),
    UNIQUE (organisation_id, person_id)
);
CREATE INDEX engagements_person ON engagements (person_id);
CREATE INDEX engagements_status ON engagements (organisation_id, status);

CREATE TABLE engagement_events (
    organisation_id UUID NOT NULL,
    id UUID NOT NULL,
    engagement_id UUID NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL,
    by_name TEXT NOT NULL,
    note TEXT NOT NULL,
    PRIMARY KEY (organisation_id, id),
    FOREIGN KEY (organisation_id, engagement_id) REFERENCES engagements (organisation_id, id)
);
CREATE INDEX engagement_events_engagement ON engagement_events (organisation_id, engagement_id, at);
CREATE INDEX engagement_events_left ON engagement_events (organisation_id, to_status, at);

CREATE TABLE applications (
    organisation_id UUID NOT NULL,
    id UUID NOT NULL,
    person_id UUID NOT NULL REFERENCES people (id),
    engagement_id UUID NOT NULL,
    role_id UUID NOT NULL,
    status TEXT NOT NULL,
    motivation TEXT NOT NULL,
    availability TEXT NOT NULL,
    submitted_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (organisation_id, id),
    FOREIGN KEY (organisation_id, role_id) REFERENCES roles (organisation_id, id),
    FOREIGN KEY (organisation_id, engagement_id) REFERENCES engagements (organisation_id, id)
);
CREATE INDEX applications_person ON applications (person_id);
CREATE INDEX applications_role ON applications (organisation_id, role_id);

CREATE TABLE application_events (
    organisation_id UUID NOT NULL,
    id UUID NOT NULL,
    application_id UUID NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL,
    by_name TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (organisation_id, id),
    FOREIGN KEY (organisation_id, application_id) REFERENCES applications (organisation_id, id)
);
CREATE INDEX application_events_application ON application_events (organisation_id, application_id, at);

CREATE TABLE staff_members (
    organisation_id UUID NOT NULL REFERENCES organisations (id),
    id UUID NOT NULL,
    person_id UUID NOT NULL REFERENCES people (id),
    permission TEXT NOT NULL,
    site_ids TEXT NOT NULL,
    PRIMARY KEY (organisation_id, id),
    UNIQUE (organisation_id, person_id)
);
CREATE INDEX staff_members_person ON staff_members (person_id);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    person_id UUID NOT NULL REFERENCES people (id),
    csrf_token TEXT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE sign_in_failures (
    id UUID PRIMARY KEY,
    key TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sign_in_failures_key ON sign_in_failures (key, at);

CREATE TABLE reset_tokens (
    token_hash TEXT PRIMARY KEY,
    person_id UUID NOT NULL REFERENCES people (id),
    expires_at TIMESTAMPTZ NOT NULL,
    used_at TIMESTAMPTZ
);

CREATE TABLE api_tokens (
    organisation_id UUID NOT NULL REFERENCES organisations (id),
    id UUID NOT NULL,
    person_id UUID NOT NULL REFERENCES people (id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (organisation_id, id)
);

CREATE TABLE outbox (
    id UUID PRIMARY KEY,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    claimed_until TIMESTAMPTZ,
    sent_at TIMESTAMPTZ,
    last_error TEXT NOT NULL
);
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);

CREATE TABLE audit_log (
    id UUID PRIMARY KEY,
    organisation_id UUID,
    actor_person_id UUID,
    channel TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id UUID NOT NULL,
    at TIMESTAMPTZ NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity_id, at);
