-- One open application per person per role: a double-click or two tabs cannot make two.
CREATE UNIQUE INDEX applications_one_open_per_role
    ON applications (organisation_id, person_id, role_id)
    WHERE status IN ('submitted', 'screening');
