-- Equality monitoring: a volunteer's own optional answers (special category data, kept apart
-- from the profile and reported only in aggregate), and each organisation's figures for the
-- population it serves, to compare its volunteers' reach with.

CREATE TABLE equality_monitoring (
    person_id BLOB PRIMARY KEY REFERENCES people (id),
    sex TEXT,
    ethnicity TEXT,
    disability TEXT,
    recorded_at TEXT NOT NULL
);

CREATE TABLE population_served (
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    dimension TEXT NOT NULL,
    category TEXT NOT NULL,
    percent_tenths INTEGER NOT NULL,
    PRIMARY KEY (organisation_id, dimension, category)
);
