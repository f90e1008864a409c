-- Consents a manager records on a form of their own (issue 8): what for, the day given (NULL
-- when the person declined), how, and the withdrawal. Never deleted: a withdrawal is dated.
CREATE TABLE recorded_consents (
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    id BLOB NOT NULL,
    person_id BLOB NOT NULL REFERENCES people (id),
    purpose TEXT NOT NULL,
    given_on TEXT,
    way TEXT NOT NULL,
    note TEXT NOT NULL,
    withdrawn_on TEXT,
    withdrawn_by TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (organisation_id, id),
    CHECK (given_on IS NOT NULL OR withdrawn_on IS NOT NULL)
);
CREATE INDEX recorded_consents_person ON recorded_consents (person_id);
