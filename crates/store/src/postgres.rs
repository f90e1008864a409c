//! PostgreSQL backend: many server processes can share one database.

use std::time::Duration;

use app::StoreError;
use sqlx::postgres::PgPoolOptions;

use crate::db_error;

pub(crate) type Db = sqlx::Postgres;

/// The store on PostgreSQL.
#[derive(Debug, Clone)]
pub struct PostgresStore {
    pub(crate) pool: sqlx::PgPool,
    /// Write transactions use the same pool: PostgreSQL locks rows, not the database.
    pub(crate) writer: sqlx::PgPool,
}

type ThisStore = PostgresStore;

// The same files are compiled once per backend on purpose (see the crate docs).
#[allow(clippy::duplicate_mod)]
#[path = "sql/accounts.rs"]
mod accounts;
#[allow(clippy::duplicate_mod)]
#[path = "sql/attendance.rs"]
mod attendance;
#[allow(clippy::duplicate_mod)]
#[path = "sql/calendar.rs"]
mod calendar;
#[allow(clippy::duplicate_mod)]
#[path = "sql/ceiling.rs"]
mod ceiling;
#[allow(clippy::duplicate_mod)]
#[path = "sql/commitments.rs"]
mod commitments;
#[allow(clippy::duplicate_mod)]
#[path = "sql/compliance.rs"]
mod compliance;
#[allow(clippy::duplicate_mod)]
#[path = "sql/compliance_writes.rs"]
mod compliance_writes;
#[allow(clippy::duplicate_mod)]
#[path = "sql/equality.rs"]
mod equality;
#[allow(clippy::duplicate_mod)]
#[path = "sql/event_places.rs"]
mod event_places;
#[allow(clippy::duplicate_mod)]
#[path = "sql/event_writes.rs"]
mod event_writes;
#[allow(clippy::duplicate_mod)]
#[path = "sql/events.rs"]
mod events;
#[allow(clippy::duplicate_mod)]
#[path = "sql/expenses.rs"]
mod expenses;
#[allow(clippy::duplicate_mod)]
#[path = "sql/feedback_links.rs"]
mod feedback_links;
#[allow(clippy::duplicate_mod)]
#[path = "sql/imports.rs"]
mod imports;
#[allow(clippy::duplicate_mod)]
#[path = "sql/library.rs"]
mod library;
#[allow(clippy::duplicate_mod)]
#[path = "sql/matches.rs"]
mod matches;
#[allow(clippy::duplicate_mod)]
#[path = "sql/network_writes.rs"]
mod network_writes;
#[allow(clippy::duplicate_mod)]
#[path = "sql/networks.rs"]
mod networks;
#[allow(clippy::duplicate_mod)]
#[path = "sql/outcomes.rs"]
mod outcomes;
#[allow(clippy::duplicate_mod)]
#[path = "sql/quality.rs"]
mod quality;
#[allow(clippy::duplicate_mod)]
#[path = "sql/reads.rs"]
mod reads;
#[allow(clippy::duplicate_mod)]
#[path = "sql/rota.rs"]
mod rota;
#[allow(clippy::duplicate_mod)]
#[path = "sql/safeguarding.rs"]
mod safeguarding;
#[allow(clippy::duplicate_mod)]
#[path = "sql/store_impl.rs"]
mod store_impl;
#[allow(clippy::duplicate_mod)]
#[path = "sql/support.rs"]
mod support;
#[allow(clippy::duplicate_mod)]
#[path = "sql/support_feedback.rs"]
mod support_feedback;
#[allow(clippy::duplicate_mod)]
#[path = "sql/waitlist.rs"]
mod waitlist;
#[allow(clippy::duplicate_mod)]
#[path = "sql/writes.rs"]
mod writes;

/// Replicas claim outbox messages without waiting on each other.
const CLAIM_LOCK: &str = "FOR UPDATE SKIP LOCKED";

/// Write transactions start plainly; the row locks they take serialise what must be.
/// PostgreSQL's buffers are the server's; a bulk import needs no setting of its own.
const BULK_BEGIN: &str = "";
const BULK_END: &str = "";

const BEGIN_WRITE: &str = "BEGIN";

/// Two bookings of one person on different shifts lock different shift rows, so the person's
/// row is locked too, or both could pass the overlap check at once.
const LOCK_PERSON: bool = true;

impl PostgresStore {
    /// Connects to and migrates the database at `url`.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await
            .map_err(db_error)?;
        sqlx::migrate!("migrations/postgres")
            .run(&pool)
            .await
            .map_err(crate::migrate_error)?;
        Ok(Self {
            writer: pool.clone(),
            pool,
        })
    }
}
