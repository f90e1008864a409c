-- Volunteers' expense claims: one actual cost, or one journey's mileage, per claim. Amounts are
-- whole pence. Receipts are kept apart so that lists never read the files.

CREATE TABLE expense_claims (
    organisation_id UUID NOT NULL,
    id UUID NOT NULL,
    person_id UUID NOT NULL REFERENCES people (id),
    category TEXT NOT NULL,
    spent_on DATE NOT NULL,
    description TEXT NOT NULL,
    amount_pence BIGINT NOT NULL CHECK (amount_pence > 0),
    vehicle TEXT,
    miles INTEGER,
    car_miles_before INTEGER NOT NULL,
    tax_year INTEGER NOT NULL,
    role_id UUID,
    shift_id UUID,
    receipt_name TEXT,
    receipt_type TEXT,
    receipt_size INTEGER,
    status TEXT NOT NULL,
    submitted_at TIMESTAMPTZ NOT NULL,
    recorded_by UUID NOT NULL REFERENCES people (id),
    decided_at TIMESTAMPTZ,
    decided_by UUID REFERENCES people (id),
    decided_by_name TEXT NOT NULL,
    note TEXT NOT NULL,
    answer TEXT NOT NULL,
    paid_at TIMESTAMPTZ,
    PRIMARY KEY (organisation_id, id),
    FOREIGN KEY (organisation_id, role_id) REFERENCES roles (organisation_id, id),
    FOREIGN KEY (organisation_id, shift_id) REFERENCES shifts (organisation_id, id)
);
CREATE INDEX expense_claims_queue ON expense_claims (organisation_id, status, submitted_at);
CREATE INDEX expense_claims_person ON expense_claims (person_id, organisation_id, tax_year);

CREATE TABLE expense_receipts (
    organisation_id UUID NOT NULL,
    claim_id UUID NOT NULL,
    content_type TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content BYTEA NOT NULL,
    PRIMARY KEY (organisation_id, claim_id),
    FOREIGN KEY (organisation_id, claim_id) REFERENCES expense_claims (organisation_id, id)
);
