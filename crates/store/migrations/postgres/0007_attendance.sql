-- Attendance and hours: check-in and check-out (kiosk, phone, staff), no-shows, hours logged
-- outside shifts, sites' kiosk codes (hashed), unlocked kiosks, and volunteers' personal codes.

-- At most one attendance record per booking: a second check-in fails on the unique index.
CREATE TABLE attendance (
    organisation_id UUID NOT NULL,
    id UUID NOT NULL,
    booking_id UUID NOT NULL,
    shift_id UUID NOT NULL,
    person_id UUID NOT NULL REFERENCES people (id),
    status TEXT NOT NULL,
    arrived_at TIMESTAMPTZ,
    left_at TIMESTAMPTZ,
    method TEXT NOT NULL,
    recorded_by UUID,
    recorded_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (organisation_id, id),
    FOREIGN KEY (organisation_id, booking_id) REFERENCES bookings (organisation_id, id),
    FOREIGN KEY (organisation_id, shift_id) REFERENCES shifts (organisation_id, id)
);
CREATE UNIQUE INDEX attendance_once_per_booking ON attendance (organisation_id, booking_id);
CREATE INDEX attendance_shift ON attendance (organisation_id, shift_id);
CREATE INDEX attendance_person ON attendance (person_id);

CREATE TABLE hours_logs (
    organisation_id UUID NOT NULL,
    id UUID NOT NULL,
    person_id UUID NOT NULL REFERENCES people (id),
    role_id UUID NOT NULL,
    worked_on DATE NOT NULL,
    minutes INTEGER NOT NULL CHECK (minutes > 0 AND minutes <= 1440),
    description TEXT NOT NULL,
    status TEXT NOT NULL,
    submitted_at TIMESTAMPTZ NOT NULL,
    decided_at TIMESTAMPTZ,
    decided_by UUID,
    message TEXT NOT NULL,
    PRIMARY KEY (organisation_id, id),
    FOREIGN KEY (organisation_id, role_id) REFERENCES roles (organisation_id, id)
);
CREATE INDEX hours_logs_status ON hours_logs (organisation_id, status, submitted_at);
CREATE INDEX hours_logs_date ON hours_logs (organisation_id, worked_on);
CREATE INDEX hours_logs_person ON hours_logs (person_id, worked_on);

-- Only the hash of a site's kiosk code is kept.
CREATE TABLE site_kiosks (
    organisation_id UUID NOT NULL,
    site_id UUID NOT NULL,
    code_hash TEXT NOT NULL,
    set_at TIMESTAMPTZ NOT NULL,
    set_by UUID,
    PRIMARY KEY (organisation_id, site_id),
    FOREIGN KEY (organisation_id, site_id) REFERENCES sites (organisation_id, id)
);

CREATE TABLE kiosk_sessions (
    token_hash TEXT NOT NULL PRIMARY KEY,
    organisation_id UUID NOT NULL,
    site_id UUID NOT NULL,
    csrf_token TEXT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (organisation_id, site_id) REFERENCES sites (organisation_id, id)
);
CREATE INDEX kiosk_sessions_site ON kiosk_sessions (organisation_id, site_id);

-- A volunteer's short personal code, unique within the organisation.
CREATE TABLE check_in_codes (
    organisation_id UUID NOT NULL,
    person_id UUID NOT NULL REFERENCES people (id),
    code TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (organisation_id, person_id)
);
CREATE UNIQUE INDEX check_in_codes_unique ON check_in_codes (organisation_id, code);
