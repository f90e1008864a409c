-- Standing commitments: a volunteer's regular slot, which books them into each matching shift
-- until they end it; and absence periods, which skip occurrences without ending it.

CREATE TABLE commitments (
    organisation_id UUID NOT NULL,
    id UUID NOT NULL,
    person_id UUID NOT NULL REFERENCES people (id),
    role_id UUID NOT NULL,
    site_id UUID NOT NULL,
    weekday TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    interval_weeks INTEGER NOT NULL,
    starts_on DATE NOT NULL,
    ends_on DATE,
    PRIMARY KEY (organisation_id, id),
    FOREIGN KEY (organisation_id, role_id) REFERENCES roles (organisation_id, id),
    FOREIGN KEY (organisation_id, site_id) REFERENCES sites (organisation_id, id)
);
CREATE INDEX commitments_person ON commitments (person_id);
CREATE INDEX commitments_slot ON commitments (organisation_id, role_id, site_id);

CREATE TABLE absences (
    id UUID PRIMARY KEY,
    person_id UUID NOT NULL REFERENCES people (id),
    starts_on DATE NOT NULL,
    ends_on DATE NOT NULL
);
CREATE INDEX absences_person ON absences (person_id, ends_on);
