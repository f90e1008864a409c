-- The rota: shifts (stored as UTC instants; defined in UK local time) and volunteers' bookings.

CREATE TABLE shifts (
    organisation_id UUID NOT NULL,
    id UUID NOT NULL,
    role_id UUID NOT NULL,
    site_id UUID NOT NULL,
    starts_at TIMESTAMPTZ NOT NULL,
    ends_at TIMESTAMPTZ NOT NULL,
    min_volunteers INTEGER NOT NULL,
    max_volunteers INTEGER NOT NULL,
    notes TEXT NOT NULL,
    supervisor_id UUID,
    series_id UUID,
    cancelled BOOLEAN NOT NULL,
    PRIMARY KEY (organisation_id, id),
    FOREIGN KEY (organisation_id, role_id) REFERENCES roles (organisation_id, id),
    FOREIGN KEY (organisation_id, site_id) REFERENCES sites (organisation_id, id)
);
CREATE INDEX shifts_when ON shifts (organisation_id, starts_at);

-- A booking copies its shift's times so "never in two overlapping shifts" is one indexed query.
CREATE TABLE bookings (
    organisation_id UUID NOT NULL,
    id UUID NOT NULL,
    shift_id UUID NOT NULL,
    person_id UUID NOT NULL REFERENCES people (id),
    status TEXT NOT NULL,
    starts_at TIMESTAMPTZ NOT NULL,
    ends_at TIMESTAMPTZ NOT NULL,
    booked_at TIMESTAMPTZ NOT NULL,
    cancelled_at TIMESTAMPTZ,
    cancellation_reason TEXT NOT NULL,
    late BOOLEAN NOT NULL,
    PRIMARY KEY (organisation_id, id),
    FOREIGN KEY (organisation_id, shift_id) REFERENCES shifts (organisation_id, id)
);
CREATE UNIQUE INDEX bookings_once_per_shift ON bookings (organisation_id, shift_id, person_id)
    WHERE status = 'booked';
CREATE INDEX bookings_person ON bookings (person_id, starts_at);
CREATE INDEX bookings_shift ON bookings (organisation_id, shift_id, status);
