-- Networks of organisations and volunteer managers: members (organisations and individuals) with
-- renewals recorded, coordinators, the shared role library, mutual recognition agreements, the
-- volunteer passport (consents and what was recognised under them), roles listed to a network
-- and volunteers referred between members. Networks join organisations, so these tables are the
-- network/person tables that may refer across tenants.

CREATE TABLE networks (
    id BLOB PRIMARY KEY,
    name TEXT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    description TEXT NOT NULL,
    contact_email TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE network_coordinators (
    network_id BLOB NOT NULL REFERENCES networks (id),
    person_id BLOB NOT NULL REFERENCES people (id),
    PRIMARY KEY (network_id, person_id)
);
CREATE INDEX network_coordinators_person ON network_coordinators (person_id);

CREATE TABLE network_members (
    network_id BLOB NOT NULL REFERENCES networks (id),
    id BLOB NOT NULL,
    organisation_id BLOB REFERENCES organisations (id),
    person_id BLOB REFERENCES people (id),
    name TEXT NOT NULL,
    email TEXT,
    job_title TEXT NOT NULL,
    employer TEXT NOT NULL,
    joined_on TEXT NOT NULL,
    renews_on TEXT,
    annual_fee_pence INTEGER,
    ended_on TEXT,
    in_directory BOOLEAN NOT NULL,
    directory_note TEXT NOT NULL,
    PRIMARY KEY (network_id, id)
);
-- An organisation or a person is a current member of a network at most once.
CREATE UNIQUE INDEX network_members_one_organisation ON network_members (network_id, organisation_id)
    WHERE organisation_id IS NOT NULL AND ended_on IS NULL;
CREATE UNIQUE INDEX network_members_one_email ON network_members (network_id, email)
    WHERE email IS NOT NULL AND ended_on IS NULL;
CREATE INDEX network_members_organisation ON network_members (organisation_id);
CREATE INDEX network_members_person ON network_members (person_id);

CREATE TABLE network_renewals (
    network_id BLOB NOT NULL,
    member_id BLOB NOT NULL,
    paid_on TEXT NOT NULL,
    amount_pence INTEGER NOT NULL,
    previous_renews_on TEXT,
    renews_on TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (network_id, member_id, recorded_at),
    FOREIGN KEY (network_id, member_id) REFERENCES network_members (network_id, id)
);

CREATE TABLE role_templates (
    network_id BLOB NOT NULL REFERENCES networks (id),
    id BLOB NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    description TEXT NOT NULL,
    setting TEXT NOT NULL,
    activities TEXT NOT NULL,
    time_commitment TEXT NOT NULL,
    minimum_age INTEGER NOT NULL,
    dbs_level TEXT NOT NULL,
    dbs_workforce TEXT,
    references_required INTEGER NOT NULL,
    requirement_codes TEXT NOT NULL,
    non_substitution_statement TEXT NOT NULL,
    indicators TEXT NOT NULL,
    source_organisation_id BLOB REFERENCES organisations (id),
    source_name TEXT NOT NULL,
    published_at TEXT NOT NULL,
    PRIMARY KEY (network_id, id)
);

-- Which roles were copied from which template (the template's count of members using it).
CREATE TABLE role_template_uses (
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    role_id BLOB NOT NULL,
    network_id BLOB NOT NULL,
    template_id BLOB NOT NULL,
    copied_at TEXT NOT NULL,
    PRIMARY KEY (organisation_id, role_id),
    FOREIGN KEY (network_id, template_id) REFERENCES role_templates (network_id, id)
);
CREATE INDEX role_template_uses_template ON role_template_uses (network_id, template_id);

CREATE TABLE recognition_agreements (
    id BLOB PRIMARY KEY,
    name TEXT NOT NULL,
    network_id BLOB REFERENCES networks (id),
    mou_reference TEXT NOT NULL,
    created_at TEXT NOT NULL,
    ended_at TEXT
);

CREATE TABLE agreement_parties (
    agreement_id BLOB NOT NULL REFERENCES recognition_agreements (id),
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    signed_at TEXT,
    signed_by TEXT NOT NULL,
    PRIMARY KEY (agreement_id, organisation_id)
);
CREATE INDEX agreement_parties_organisation ON agreement_parties (organisation_id);

-- What each party accepts from the others.
CREATE TABLE agreement_terms (
    agreement_id BLOB NOT NULL,
    organisation_id BLOB NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    max_age_months INTEGER,
    PRIMARY KEY (agreement_id, organisation_id, code),
    FOREIGN KEY (agreement_id, organisation_id) REFERENCES agreement_parties (agreement_id, organisation_id)
);

-- A volunteer's consent; owned by the person, never deleted (revoking sets revoked_at).
CREATE TABLE passport_consents (
    id BLOB PRIMARY KEY,
    person_id BLOB NOT NULL REFERENCES people (id),
    from_organisation_id BLOB NOT NULL REFERENCES organisations (id),
    to_organisation_id BLOB NOT NULL REFERENCES organisations (id),
    granted_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE UNIQUE INDEX passport_consents_one_live ON passport_consents (person_id, from_organisation_id, to_organisation_id)
    WHERE revoked_at IS NULL;
CREATE INDEX passport_consents_to ON passport_consents (to_organisation_id, person_id);

-- The receiving organisation's record of what it took on from another's verification.
CREATE TABLE check_recognitions (
    organisation_id BLOB NOT NULL,
    check_id BLOB NOT NULL,
    from_organisation_id BLOB NOT NULL REFERENCES organisations (id),
    from_organisation_name TEXT NOT NULL,
    source_check_id BLOB NOT NULL,
    agreement_id BLOB NOT NULL REFERENCES recognition_agreements (id),
    consent_id BLOB NOT NULL REFERENCES passport_consents (id),
    verified_on TEXT NOT NULL,
    recognised_at TEXT NOT NULL,
    PRIMARY KEY (organisation_id, check_id, recognised_at)
);

CREATE TABLE network_role_listings (
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    role_id BLOB NOT NULL,
    network_id BLOB NOT NULL REFERENCES networks (id),
    listed_at TEXT NOT NULL,
    PRIMARY KEY (organisation_id, role_id, network_id)
);
CREATE INDEX network_role_listings_network ON network_role_listings (network_id);

CREATE TABLE volunteer_referrals (
    id BLOB PRIMARY KEY,
    network_id BLOB NOT NULL REFERENCES networks (id),
    from_organisation_id BLOB NOT NULL REFERENCES organisations (id),
    to_organisation_id BLOB NOT NULL REFERENCES organisations (id),
    person_id BLOB NOT NULL REFERENCES people (id),
    role_id BLOB NOT NULL,
    application_id BLOB,
    note TEXT NOT NULL,
    consent_on TEXT NOT NULL,
    referred_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX volunteer_referrals_from ON volunteer_referrals (from_organisation_id);
CREATE INDEX volunteer_referrals_to ON volunteer_referrals (to_organisation_id);
