-- Links by which service users, carers and staff give feedback on volunteers. The token is
-- kept as it is (not hashed): the link is meant to be printed and shared, and only lets people
-- give anonymous feedback.

CREATE TABLE feedback_links (
    organisation_id UUID NOT NULL REFERENCES organisations (id),
    id UUID NOT NULL,
    instrument TEXT NOT NULL,
    instrument_version INTEGER NOT NULL,
    role_id UUID,
    label TEXT NOT NULL,
    token TEXT NOT NULL UNIQUE,
    active BOOLEAN NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (organisation_id, id)
);
