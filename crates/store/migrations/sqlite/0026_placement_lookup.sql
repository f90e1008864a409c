-- Booking a shift asks whether the person is known to the organisation and active in the
-- shift's role. The index by person alone left the database to choose between it and the
-- board's index (organisation, status), and on a freshly loaded table it chose the board and
-- read every placement of the organisation for each booking. With the organisation, role and
-- status beside the person, one index entry answers both questions.
DROP INDEX placements_person;
CREATE INDEX placements_person ON placements (person_id, organisation_id, role_id, status);
