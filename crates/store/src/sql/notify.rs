//! The [`NotifyStore`] implementation: organisations' notification settings, and the outbox
//! read back as a message log with delivery receipts. Compiled once per backend.

use app::StoreError;
use app::ports::*;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::Labelled;
use domain::ids::*;
use domain::notify::{NotificationSettings, NotifyApiKey, Provider, ReceiptStatus};
use sqlx::{FromRow, Transaction};
use uuid::Uuid;

use super::accounts::MESSAGE_COLUMNS;
use super::{Db, ThisStore};
use crate::rows::MessageRow;
use crate::{db_error, sql};

const SETTINGS_COLUMNS: &str = "organisation_id, provider, notify_api_key, email_template_id, \
     sms_template_id, callback_token_hash, updated_at";

type SettingsRow = (
    Uuid,
    String,
    String,
    Option<Uuid>,
    Option<Uuid>,
    Option<String>,
    DateTime<Utc>,
);

fn settings(
    (org, provider, key, email, sms, callback, updated_at): SettingsRow,
) -> Result<NotificationSettings, StoreError> {
    let bad = || StoreError::Other("stored notification settings are not valid".into());
    let provider = Provider::from_code(&provider).ok_or_else(bad)?;
    let api_key = if key.is_empty() {
        None
    } else {
        Some(NotifyApiKey::parse(&key).map_err(|_| bad())?)
    };
    Ok(NotificationSettings {
        organisation_id: OrganisationId(org),
        provider,
        api_key,
        email_template_id: email,
        sms_template_id: sms,
        callback_token_hash: callback,
        updated_at,
    })
}

/// A message log row: the outbox columns, then what became of the message.
#[derive(FromRow)]
struct LogRow {
    #[sqlx(flatten)]
    message: MessageRow,
    sent_via: String,
    provider_ref: Option<String>,
    receipt: String,
    receipt_at: Option<DateTime<Utc>>,
    redacted_at: Option<DateTime<Utc>>,
}

#[async_trait]
impl NotifyStore for ThisStore {
    async fn notification_settings(
        &self,
        org: OrganisationId,
    ) -> Result<Option<NotificationSettings>, StoreError> {
        let row: Option<SettingsRow> = sqlx::query_as(sql(format!(
            "SELECT {SETTINGS_COLUMNS} FROM notification_settings WHERE organisation_id = $1"
        )))
        .bind(org.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(settings).transpose()
    }

    async fn message_log(
        &self,
        org: OrganisationId,
        limit: u32,
    ) -> Result<Vec<LoggedMessage>, StoreError> {
        let rows: Vec<LogRow> = sqlx::query_as(sql(format!(
            "SELECT {MESSAGE_COLUMNS}, sent_via, provider_ref, receipt, receipt_at, redacted_at \
             FROM outbox WHERE organisation_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2"
        )))
        .bind(org.0)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows
            .into_iter()
            .map(|r| LoggedMessage {
                message: OutboxMessage::from(r.message),
                sent_via: r.sent_via,
                provider_ref: r.provider_ref,
                receipt: ReceiptStatus::from_code(&r.receipt),
                receipt_at: r.receipt_at,
                redacted_at: r.redacted_at,
            })
            .collect())
    }

    async fn message_sent_via(
        &self,
        id: MessageId,
        at: DateTime<Utc>,
        via: &str,
        provider_ref: Option<&str>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE outbox SET sent_at = $2, attempts = attempts + 1, claimed_until = NULL, \
             sent_via = $3, provider_ref = $4 WHERE id = $1",
        )
        .bind(id.0)
        .bind(at)
        .bind(via)
        .bind(provider_ref)
        .execute(&self.writer)
        .await
        .map_err(db_error)?;
        Ok(())
    }

    async fn record_receipt(&self, receipt: &Receipt) -> Result<bool, StoreError> {
        // Only the organisation's own messages: a receipt posted to one organisation's address
        // can never touch another's log.
        let done = sqlx::query(
            "UPDATE outbox SET receipt = $3, receipt_at = $4, \
             provider_ref = COALESCE(provider_ref, $5) \
             WHERE id = $1 AND organisation_id = $2",
        )
        .bind(receipt.message_id.0)
        .bind(receipt.organisation_id.0)
        .bind(receipt.status.code())
        .bind(receipt.at)
        .bind(&receipt.provider_ref)
        .execute(&self.writer)
        .await
        .map_err(db_error)?;
        Ok(done.rows_affected() == 1)
    }

    async fn forget_message_details(
        &self,
        before: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        let done = sqlx::query(
            "UPDATE outbox SET recipient = '', subject = '', body = '', redacted_at = $2 \
             WHERE redacted_at IS NULL AND created_at < $1",
        )
        .bind(before)
        .bind(now)
        .execute(&self.writer)
        .await
        .map_err(db_error)?;
        Ok(done.rows_affected())
    }
}

/// Whether `org` sends text messages now (inside a write transaction).
pub(super) async fn sends_sms(
    tx: &mut Transaction<'_, Db>,
    org: OrganisationId,
) -> Result<bool, StoreError> {
    let row: Option<SettingsRow> = sqlx::query_as(sql(format!(
        "SELECT {SETTINGS_COLUMNS} FROM notification_settings WHERE organisation_id = $1"
    )))
    .bind(org.0)
    .fetch_optional(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(row
        .map(settings)
        .transpose()?
        .is_some_and(|s| s.sends_sms()))
}

/// Applies one write of notification settings.
pub(super) async fn write(tx: &mut Transaction<'_, Db>, w: &NotifyWrite) -> Result<(), StoreError> {
    match w {
        NotifyWrite::PutSettings(s) => {
            sqlx::query(sql(format!(
                "INSERT INTO notification_settings ({SETTINGS_COLUMNS}) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (organisation_id) DO UPDATE SET \
                 provider = excluded.provider, notify_api_key = excluded.notify_api_key, \
                 email_template_id = excluded.email_template_id, \
                 sms_template_id = excluded.sms_template_id, \
                 callback_token_hash = excluded.callback_token_hash, updated_at = excluded.updated_at"
            )))
            .bind(s.organisation_id.0)
            .bind(s.provider.code())
            .bind(s.api_key.as_ref().map_or("", |k| k.expose()))
            .bind(s.email_template_id)
            .bind(s.sms_template_id)
            .bind(&s.callback_token_hash)
            .bind(s.updated_at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
        }
    }
    Ok(())
}
