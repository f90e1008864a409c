//! The notifier ports and the delivery of outbox messages through them.
//!
//! Use cases never send messages themselves: they queue them in the outbox in the same
//! transaction as the change that causes them. Delivery claims due messages, routes each by its
//! organisation's provider (this server's mailer, a [`Notifier`]; GOV.UK Notify, a
//! [`NotifyGateway`]; or nothing), and records the outcome, retrying failures with doubling
//! backoff.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::Duration;
use domain::ids::OrganisationId;
use domain::notify::{Medium, NotificationSettings, NotifyApiKey, Provider};
use uuid::Uuid;

use crate::ports::OutboxMessage;
use crate::{App, AppError};

/// Give up retrying after this many attempts; the message stays in the outbox with its error.
pub const MAX_ATTEMPTS: i32 = 8;
/// How many messages one delivery round takes.
const BATCH: u32 = 50;

/// What became of a message handed to a notifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// It has gone.
    Sent,
    /// The provider has taken it, and knows it by this id (its delivery receipts will say
    /// what became of it).
    Accepted(String),
    /// It was not sent and should stay in the outbox without retrying, for this reason.
    Held(String),
}

/// What one delivery round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    /// Messages sent.
    pub sent: usize,
    /// Messages held in the outbox, not to be retried.
    pub held: usize,
    /// Messages that failed and will be retried.
    pub failed: usize,
}

impl DeliveryReport {
    /// How many messages the round handled.
    pub fn handled(&self) -> usize {
        self.sent + self.held + self.failed
    }
}

/// Sends messages: SMTP, GOV.UK Notify, or the log.
#[async_trait]
pub trait Notifier: Send + Sync {
    /// Sends one message. An `Err` is a failure worth retrying, in plain words.
    async fn send(&self, message: &OutboxMessage) -> Result<Delivery, String>;
}

/// An organisation's GOV.UK Notify credentials and the template for one message.
#[derive(Debug, Clone, Copy)]
pub struct NotifyAccount<'a> {
    /// The API key: service id and signing secret.
    pub api_key: &'a NotifyApiKey,
    /// The generic template for the message's medium.
    pub template_id: Uuid,
}

/// Sends messages through GOV.UK Notify (or a stand-in for it).
#[async_trait]
pub trait NotifyGateway: Send + Sync {
    /// Sends one message with `account`. An `Err` is a failure worth retrying, in plain words;
    /// a refusal that retrying cannot help is `Ok(Delivery::Held(..))`.
    async fn send(
        &self,
        account: NotifyAccount<'_>,
        message: &OutboxMessage,
    ) -> Result<Delivery, String>;
}

/// Used where no GOV.UK Notify client was given: every message for Notify is held.
struct NoNotify;

#[async_trait]
impl NotifyGateway for NoNotify {
    async fn send(&self, _: NotifyAccount<'_>, _: &OutboxMessage) -> Result<Delivery, String> {
        Ok(Delivery::Held(
            "not sent: GOV.UK Notify is not available on this server".into(),
        ))
    }
}

/// Where one message goes.
enum Route<'a> {
    /// This server's mailer.
    Mailer,
    /// GOV.UK Notify with these credentials.
    Notify(NotifyAccount<'a>),
    /// Nowhere, for this reason.
    Hold(&'static str),
}

/// The route for `message` from its organisation's `settings` (`None`: a message from the
/// service itself).
fn route<'a>(message: &OutboxMessage, settings: Option<&'a NotificationSettings>) -> Route<'a> {
    let Some(settings) = settings else {
        return match message.medium {
            Medium::Email => Route::Mailer,
            Medium::Sms => Route::Hold("not sent: only organisations send text messages"),
        };
    };
    match (settings.provider, message.medium) {
        (Provider::None, _) => Route::Hold("not sent: the organisation has turned messages off"),
        (Provider::Smtp, Medium::Email) => Route::Mailer,
        (Provider::Smtp, Medium::Sms) => {
            Route::Hold("not sent: the organisation no longer sends text messages")
        }
        (Provider::Notify, medium) => {
            let template = match medium {
                Medium::Email => settings.email_template_id,
                Medium::Sms => settings.sms_template_id,
            };
            match (&settings.api_key, template) {
                (Some(api_key), Some(template_id)) => Route::Notify(NotifyAccount {
                    api_key,
                    template_id,
                }),
                _ if medium == Medium::Sms => {
                    Route::Hold("not sent: the organisation no longer sends text messages")
                }
                _ => Route::Hold("not sent: the organisation's GOV.UK Notify set-up is incomplete"),
            }
        }
    }
}

/// Time to wait before attempt `attempt + 1`: 30 s, 1 min, 2 min … doubling, at most 2 hours.
pub fn backoff(attempt: i32) -> Duration {
    let exponent = u32::try_from(attempt.clamp(1, 9) - 1).unwrap_or(0);
    Duration::seconds((30_i64 << exponent).min(7_200))
}

impl App {
    /// Delivers the messages due now (a batch at a time) through this server's mailer only:
    /// messages for organisations that use GOV.UK Notify are held.
    pub async fn deliver_due(&self, notifier: &dyn Notifier) -> Result<DeliveryReport, AppError> {
        self.deliver_due_via(notifier, &NoNotify).await
    }

    /// Delivers the messages due now (a batch at a time), each through its organisation's
    /// provider: `mailer` for this server's email, `notify` for GOV.UK Notify.
    pub async fn deliver_due_via(
        &self,
        mailer: &dyn Notifier,
        notify: &dyn NotifyGateway,
    ) -> Result<DeliveryReport, AppError> {
        let now = self.clock.now();
        let mut report = DeliveryReport::default();
        // Each organisation's settings, read once a round.
        let mut settings: HashMap<OrganisationId, NotificationSettings> = HashMap::new();
        for message in self.store.due_messages(now, BATCH).await? {
            if let Some(org) = message.organisation_id
                && !settings.contains_key(&org)
            {
                settings.insert(org, self.settings_of(org).await?);
            }
            let route = route(
                &message,
                message.organisation_id.and_then(|o| settings.get(&o)),
            );
            let (outcome, via) = if message.attempts >= MAX_ATTEMPTS {
                // Stop trying, and stop claiming it: it stays in the outbox with its last error.
                let reason = format!(
                    "gave up after {MAX_ATTEMPTS} attempts: {}",
                    message.last_error
                );
                (Ok(Delivery::Held(reason)), "")
            } else {
                match route {
                    Route::Mailer => (mailer.send(&message).await, "smtp"),
                    Route::Notify(account) => (notify.send(account, &message).await, "notify"),
                    Route::Hold(reason) => (Ok(Delivery::Held(reason.into())), ""),
                }
            };
            match outcome {
                Ok(Delivery::Sent) => {
                    self.store
                        .message_sent_via(message.id, self.clock.now(), via, None)
                        .await?;
                    report.sent += 1;
                }
                Ok(Delivery::Accepted(provider_ref)) => {
                    self.store
                        .message_sent_via(message.id, self.clock.now(), via, Some(&provider_ref))
                        .await?;
                    report.sent += 1;
                }
                Ok(Delivery::Held(reason)) => {
                    let never = now + Duration::days(36_500);
                    self.store
                        .message_failed(message.id, &reason, never)
                        .await?;
                    report.held += 1;
                }
                Err(error) => {
                    let retry = self.clock.now() + backoff(message.attempts + 1);
                    tracing::warn!(to = %message.to, %error, "message not sent; will retry");
                    self.store.message_failed(message.id, &error, retry).await?;
                    report.failed += 1;
                }
            }
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff(1).num_seconds(), 30);
        assert_eq!(backoff(2).num_seconds(), 60);
        assert_eq!(backoff(3).num_seconds(), 120);
        assert_eq!(backoff(20).num_seconds(), 7_200);
    }
}
