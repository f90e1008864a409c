-- Templates can be changed (each change expects the version it was made from) and withdrawn
-- (kept for the roles copied from them, no longer listed or copied).
ALTER TABLE role_templates ADD COLUMN updated_at TIMESTAMPTZ;
UPDATE role_templates SET updated_at = published_at;
ALTER TABLE role_templates ALTER COLUMN updated_at SET NOT NULL;
ALTER TABLE role_templates ADD COLUMN withdrawn_at TIMESTAMPTZ;
