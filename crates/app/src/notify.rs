//! The notifier port and the delivery of outbox messages through it.
//!
//! Use cases never send email themselves: they queue it in the outbox in the same transaction as
//! the change that causes it. Delivery claims due messages, hands each to a [`Notifier`], and
//! records the outcome, retrying failures with doubling backoff.

use async_trait::async_trait;
use chrono::Duration;

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

/// Time to wait before attempt `attempt + 1`: 30 s, 1 min, 2 min … doubling, at most 2 hours.
pub fn backoff(attempt: i32) -> Duration {
    let exponent = u32::try_from(attempt.clamp(1, 9) - 1).unwrap_or(0);
    Duration::seconds((30_i64 << exponent).min(7_200))
}

impl App {
    /// Delivers the messages due now (a batch at a time) through `notifier`.
    pub async fn deliver_due(&self, notifier: &dyn Notifier) -> Result<DeliveryReport, AppError> {
        let now = self.clock.now();
        let mut report = DeliveryReport::default();
        for message in self.store.due_messages(now, BATCH).await? {
            let outcome = if message.attempts >= MAX_ATTEMPTS {
                // Stop trying, and stop claiming it: it stays in the outbox with its last error.
                Ok(Delivery::Held(format!(
                    "gave up after {MAX_ATTEMPTS} attempts: {}",
                    message.last_error
                )))
            } else {
                notifier.send(&message).await
            };
            match outcome {
                Ok(Delivery::Sent) => {
                    self.store
                        .message_sent(message.id, self.clock.now())
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
