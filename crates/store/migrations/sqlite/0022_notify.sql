-- Notification providers per organisation (this server's mailer, GOV.UK Notify, or none), and
-- the outbox as a message log: who sent each message, by which channel, and what became of it.

CREATE TABLE notification_settings (
    organisation_id BLOB PRIMARY KEY REFERENCES organisations (id),
    provider TEXT NOT NULL CHECK (provider IN ('smtp', 'notify', 'none')),
    -- A secret: used to sign each request, shown back only masked.
    notify_api_key TEXT NOT NULL,
    email_template_id BLOB,
    sms_template_id BLOB,
    -- SHA-256 of the bearer token Notify sends with delivery receipts.
    callback_token_hash TEXT,
    updated_at TEXT NOT NULL
);

-- NULL: a message from the service itself (accounts), sent by this server's mailer.
ALTER TABLE outbox ADD COLUMN organisation_id BLOB;
ALTER TABLE outbox ADD COLUMN channel TEXT NOT NULL DEFAULT 'email';
-- The volunteer notification kind, or '' for other messages.
ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT '';
-- 'smtp' or 'notify' once sent.
ALTER TABLE outbox ADD COLUMN sent_via TEXT NOT NULL DEFAULT '';
-- GOV.UK Notify's id for the message.
ALTER TABLE outbox ADD COLUMN provider_ref TEXT;
-- The last delivery receipt's status, and when it happened.
ALTER TABLE outbox ADD COLUMN receipt TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN receipt_at TEXT;
-- When the recipient, subject and body were blanked (personal data is kept only briefly).
ALTER TABLE outbox ADD COLUMN redacted_at TEXT;

CREATE INDEX outbox_log ON outbox (organisation_id, created_at);
CREATE INDEX outbox_unredacted ON outbox (created_at) WHERE redacted_at IS NULL;
