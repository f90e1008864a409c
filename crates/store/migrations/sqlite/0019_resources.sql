-- The resource library: what a network's members share (guides, policies, case studies,
-- templates, recordings), with members only or with everyone. A resource is a link or a file
-- kept in the database, like expense receipts. Withdrawn resources are kept but not shown.
CREATE TABLE resources (
    network_id BLOB NOT NULL REFERENCES networks (id),
    id BLOB NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    kind TEXT NOT NULL,
    audience TEXT NOT NULL,
    owner_organisation_id BLOB REFERENCES organisations (id),
    owner_person_id BLOB REFERENCES people (id),
    owner_name TEXT NOT NULL,
    review_on TEXT NOT NULL,
    link TEXT,
    file_name TEXT,
    file_type TEXT,
    file_size INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    withdrawn_at TEXT,
    PRIMARY KEY (network_id, id),
    CHECK ((owner_organisation_id IS NULL) <> (owner_person_id IS NULL)),
    CHECK ((link IS NULL) <> (file_name IS NULL))
);
CREATE INDEX resources_review ON resources (network_id, review_on);

-- Tags, lower case, one row each so a tag filter is an exact match.
CREATE TABLE resource_tags (
    network_id BLOB NOT NULL,
    resource_id BLOB NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (network_id, resource_id, tag),
    FOREIGN KEY (network_id, resource_id) REFERENCES resources (network_id, id)
);
CREATE INDEX resource_tags_tag ON resource_tags (network_id, tag);

CREATE TABLE resource_files (
    network_id BLOB NOT NULL,
    resource_id BLOB NOT NULL,
    content BLOB NOT NULL,
    PRIMARY KEY (network_id, resource_id),
    FOREIGN KEY (network_id, resource_id) REFERENCES resources (network_id, id)
);
