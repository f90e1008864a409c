-- Column mappings saved by name for reuse, per organisation and kind of import.
CREATE TABLE import_mappings (
    organisation_id UUID NOT NULL REFERENCES organisations (id),
    id UUID NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    mapping TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (organisation_id, id),
    UNIQUE (organisation_id, kind, name)
);

-- Files uploaded in the manager's import pages: kept between the steps (map, preview, import),
-- then the import's progress and report. The file is dropped when the import finishes.
CREATE TABLE import_uploads (
    organisation_id UUID NOT NULL REFERENCES organisations (id),
    id UUID NOT NULL,
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content BYTEA NOT NULL,
    mapping TEXT NOT NULL,
    skip_invalid BOOLEAN NOT NULL,
    status TEXT NOT NULL,
    stage TEXT NOT NULL,
    done_rows BIGINT NOT NULL,
    total_rows BIGINT NOT NULL,
    report TEXT,
    created_by UUID NOT NULL REFERENCES people (id),
    created_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    PRIMARY KEY (organisation_id, id)
);

