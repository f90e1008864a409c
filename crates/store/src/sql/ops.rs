//! The [`OpsStore`] implementation: the queues' backlog. Compiled once per backend.

use app::StoreError;
use app::ports::{Backlog, OpsStore};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::ThisStore;
use crate::{count, db_error};

#[async_trait]
impl OpsStore for ThisStore {
    async fn backlog(&self, now: DateTime<Utc>) -> Result<Backlog, StoreError> {
        let (jobs_due, jobs_waiting, outbox_due, outbox_failed): (i64, i64, i64, i64) =
            sqlx::query_as(
                "SELECT \
                 (SELECT COUNT(*) FROM jobs WHERE done_at IS NULL AND run_at <= $1), \
                 (SELECT COUNT(*) FROM jobs WHERE done_at IS NULL), \
                 (SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND redacted_at IS NULL AND next_attempt_at <= $1), \
                 (SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND last_error <> '')",
            )
            .bind(now)
            .fetch_one(&self.pool)
            .await
            .map_err(db_error)?;
        Ok(Backlog {
            jobs_due: count(jobs_due),
            jobs_waiting: count(jobs_waiting),
            outbox_due: count(outbox_due),
            outbox_failed: count(outbox_failed),
        })
    }
}
