//! The store's side of notification providers: each organisation's settings, and the message
//! log (the outbox read back with what became of each message).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::ids::{MessageId, OrganisationId};
use domain::notify::{NotificationSettings, ReceiptStatus};

use super::{OutboxMessage, StoreError};

/// A change to notification settings.
#[derive(Debug, Clone)]
pub enum NotifyWrite {
    /// An organisation's settings, replacing any earlier ones.
    PutSettings(NotificationSettings),
}

/// One message in an organisation's log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedMessage {
    /// The message; `to`, `subject` and `body` are blank once its details were forgotten.
    pub message: OutboxMessage,
    /// Which provider took it ("smtp" or "notify"), once sent.
    pub sent_via: String,
    /// The provider's own id for it (GOV.UK Notify's notification id).
    pub provider_ref: Option<String>,
    /// The last delivery receipt, if the provider sent one.
    pub receipt: Option<ReceiptStatus>,
    /// When that receipt said it happened.
    pub receipt_at: Option<DateTime<Utc>>,
    /// When its recipient and text were blanked.
    pub redacted_at: Option<DateTime<Utc>>,
}

/// A delivery receipt matched to a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// The organisation whose callback address received it.
    pub organisation_id: OrganisationId,
    /// Our message (the `reference` we gave Notify).
    pub message_id: MessageId,
    /// Notify's id for it.
    pub provider_ref: String,
    /// What happened.
    pub status: ReceiptStatus,
    /// When it happened (Notify's `completed_at`, else when we heard).
    pub at: DateTime<Utc>,
}

/// Reads and updates of notification settings and the message log.
#[async_trait]
pub trait NotifyStore: Send + Sync {
    /// An organisation's notification settings, if it has chosen any.
    async fn notification_settings(
        &self,
        org: OrganisationId,
    ) -> Result<Option<NotificationSettings>, StoreError>;
    /// An organisation's most recent messages, newest first.
    async fn message_log(
        &self,
        org: OrganisationId,
        limit: u32,
    ) -> Result<Vec<LoggedMessage>, StoreError>;
    /// Records which provider sent a message and under which id.
    async fn message_sent_via(
        &self,
        id: MessageId,
        at: DateTime<Utc>,
        via: &str,
        provider_ref: Option<&str>,
    ) -> Result<(), StoreError>;
    /// Records a delivery receipt; `false` if the organisation has no such message.
    async fn record_receipt(&self, receipt: &Receipt) -> Result<bool, StoreError>;
    /// Blanks the recipient, subject and body of messages queued before `before` (sent or
    /// not: one never sent by then never will be), marking them at `now`; returns how many.
    async fn forget_message_details(
        &self,
        before: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<u64, StoreError>;
}
