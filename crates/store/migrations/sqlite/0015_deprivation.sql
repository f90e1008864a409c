-- The IMD decile of each English postcode, loaded from the ONS Postcode Directory by
-- `alongside deprivation load`, and the release's copyright year for the attribution its
-- licence requires.

CREATE TABLE postcode_deprivation (
    postcode TEXT PRIMARY KEY,
    imd_decile INTEGER NOT NULL
);

CREATE TABLE postcode_deprivation_source (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    copyright_year INTEGER NOT NULL
);
