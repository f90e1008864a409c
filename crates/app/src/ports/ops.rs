//! The store's counts for operating Alongside: work waiting in the queues.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreError;

/// Work waiting in the job queue and the outbox, across every organisation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Backlog {
    /// Jobs due to run now and not done.
    pub jobs_due: u64,
    /// Jobs not done, due or not.
    pub jobs_waiting: u64,
    /// Messages due to send now and not sent.
    pub outbox_due: u64,
    /// Messages not sent whose last attempt failed (retrying, or given up on).
    pub outbox_failed: u64,
}

/// Reads for operating Alongside (metrics). No organisation's data, only counts.
#[async_trait]
pub trait OpsStore: Send + Sync {
    /// The queues' backlog at `now`, in one cheap read.
    async fn backlog(&self, now: DateTime<Utc>) -> Result<Backlog, StoreError>;
}
