-- Templates can be changed (each change expects the version it was made from) and withdrawn
-- (kept for the roles copied from them, no longer listed or copied).
ALTER TABLE role_templates ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
UPDATE role_templates SET updated_at = published_at;
ALTER TABLE role_templates ADD COLUMN withdrawn_at TEXT;
