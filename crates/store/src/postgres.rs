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
#[path = "sql/consents.rs"]
mod consents;
#[allow(clippy::duplicate_mod)]
#[path = "sql/equality.rs"]
mod equality;
#[allow(clippy::duplicate_mod)]
#[path = "sql/erasure.rs"]
mod erasure;
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
#[path = "sql/import_recovery.rs"]
mod import_recovery;
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
#[path = "sql/notify.rs"]
mod notify;
#[allow(clippy::duplicate_mod)]
#[path = "sql/ops.rs"]
mod ops;
#[allow(clippy::duplicate_mod)]
#[path = "sql/outcomes.rs"]
mod outcomes;
#[allow(clippy::duplicate_mod)]
#[path = "sql/privacy.rs"]
mod privacy;
#[allow(clippy::duplicate_mod)]
#[path = "sql/quality.rs"]
mod quality;
#[allow(clippy::duplicate_mod)]
#[path = "sql/reads.rs"]
mod reads;
#[allow(clippy::duplicate_mod)]
#[path = "sql/recorded_consents.rs"]
mod recorded_consents;
#[allow(clippy::duplicate_mod)]
#[path = "sql/records.rs"]
mod records;
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

/// A booking locks its shift's row, and then the person's: two bookings of one person on
/// different shifts lock different shift rows, so without the person's lock both could pass
/// the overlap check at once.
const LOCK_ROWS: bool = true;
/// How two inserts go to the database as one statement (before the first, between the two):
/// PostgreSQL takes one statement per call when it has parameters, so the first becomes a
/// data-modifying `WITH`.
const INSERT_THEN_INSERT: (&str, &str) = ("WITH earlier AS (", ") ");

/// Connections each server process keeps. More than the machine has cores for only adds
/// PostgreSQL backends taking turns and waking each other; in the sign-up surge (two servers, 32
/// in flight, two cores) 8 each booked 10–18% more a second than 16, with a lower p99.
const POOL_SIZE: u32 = 8;

impl PostgresStore {
    /// Connects to and migrates the database at `url`.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        // Connections are not pinged before each use (sqlx's default): the ping is a round trip
        // to the server per query, a third of a booking's. One broken by a server restart fails
        // its next query instead (a 503 the caller may retry) and is then replaced.
        let pool = PgPoolOptions::new()
            .max_connections(POOL_SIZE)
            .test_before_acquire(false)
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

    /// Applies one caller's writes in a transaction of their own: PostgreSQL runs many
    /// writers at once and commits each on its own.
    async fn apply_writes(&self, writes: Vec<app::ports::Write>) -> Result<(), StoreError> {
        let mut tx = self
            .writer
            .begin_with(BEGIN_WRITE)
            .await
            .map_err(db_error)?;
        // The trailing audit entries and messages go in together, one round trip for all.
        let (changes, trailing) = records::split_trailing(&writes);
        let mut records = records::Records::default();
        records.hold(trailing);
        for w in changes {
            if let Err(e) = writes::write(&mut tx, w).await {
                // Roll back now, not when the connection is next used: a refused booking holds
                // row locks that the next booking of the same shift is waiting for.
                tx.rollback().await.map_err(db_error)?;
                return Err(e);
            }
        }
        if let Err(e) = records.insert(&mut tx).await {
            tx.rollback().await.map_err(db_error)?;
            return Err(e);
        }
        tx.commit().await.map_err(db_error)
    }
}

/// One row of any table as JSON, column by column, for subject access, by each column's type.
/// Secret and file columns are left out.
pub(crate) fn json_row(
    row: &sqlx::postgres::PgRow,
) -> Result<serde_json::Map<String, serde_json::Value>, StoreError> {
    use chrono::{DateTime, NaiveDate, Utc};
    use serde_json::Value;
    use sqlx::{Column, Row, TypeInfo};

    fn get<'r, T>(row: &'r sqlx::postgres::PgRow, i: usize) -> Result<Option<T>, StoreError>
    where
        T: sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres>,
    {
        row.try_get::<Option<T>, _>(i).map_err(db_error)
    }

    let mut map = serde_json::Map::new();
    for (i, column) in row.columns().iter().enumerate() {
        let name = column.name();
        if crate::personal_data::OMITTED_COLUMNS.contains(&name) {
            continue;
        }
        let value = match column.type_info().name() {
            "UUID" => get::<uuid::Uuid>(row, i)?.map(|v| Value::String(v.to_string())),
            "INT2" => get::<i16>(row, i)?.map(Value::from),
            "INT4" => get::<i32>(row, i)?.map(Value::from),
            "INT8" => get::<i64>(row, i)?.map(Value::from),
            "FLOAT4" => get::<f32>(row, i)?.map(Value::from),
            "FLOAT8" => get::<f64>(row, i)?.map(Value::from),
            "BOOL" => get::<bool>(row, i)?.map(Value::Bool),
            "DATE" => get::<NaiveDate>(row, i)?.map(|d| Value::String(d.to_string())),
            "TIMESTAMPTZ" => get::<DateTime<Utc>>(row, i)?.map(|t| Value::String(t.to_rfc3339())),
            "BYTEA" => {
                get::<Vec<u8>>(row, i)?.map(|b| Value::String(format!("({} bytes)", b.len())))
            }
            _ => get::<String>(row, i)?.map(Value::String),
        };
        map.insert(name.to_owned(), value.unwrap_or(Value::Null));
    }
    Ok(map)
}

/// Whether the database at `url` has any table of its own (so a restore would replace data).
/// Connects without migrating.
pub async fn has_tables(url: &str) -> Result<bool, StoreError> {
    use sqlx::Connection;
    let mut conn = sqlx::PgConnection::connect(url).await.map_err(db_error)?;
    let tables: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM information_schema.tables \
         WHERE table_schema NOT IN ('pg_catalog', 'information_schema')",
    )
    .fetch_one(&mut conn)
    .await
    .map_err(db_error)?;
    conn.close().await.map_err(db_error)?;
    Ok(tables > 0)
}
