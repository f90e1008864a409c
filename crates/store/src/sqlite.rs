//! SQLite backend: one file, WAL mode, one writer at a time.

use std::str::FromStr;
use std::time::Duration;

use app::StoreError;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::db_error;

pub(crate) type Db = sqlx::Sqlite;

/// The store on SQLite.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    /// Readers: several connections, each reading its own snapshot.
    pub(crate) pool: sqlx::SqlitePool,
    /// The one writer. SQLite allows one writing transaction at a time; queueing writers here,
    /// in order, instead of letting several connections race for the lock (where the losers
    /// sleep in SQLite's busy handler) keeps a sign-up surge fast and fair.
    pub(crate) writer: sqlx::SqlitePool,
    /// Callers' writes, queued for the writer and committed in groups (see `group`).
    group: group::GroupWriter,
}

mod checkpoint;
mod group;

type ThisStore = SqliteStore;

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

/// SQLite has one writer and no row locks; the claim marks rows inside the write transaction.
const CLAIM_LOCK: &str = "";

/// Write transactions take the write lock at the start, so one that reads before it writes
/// never finds its snapshot overtaken by another writer.
const BEGIN_WRITE: &str = "BEGIN IMMEDIATE";

/// Before a bulk import's inserts: a page cache of up to 256 MB for the writer, so the indexes of
/// a million new rows are not read back from the file page by page (durability is unchanged);
/// and after it, back to SQLite's default of about 2 MB.
const BULK_BEGIN: &str = "PRAGMA cache_size = -262144";
const BULK_END: &str = "PRAGMA cache_size = -2000";

/// Readers read the first 256 MB of the file through a memory map rather than copying pages
/// into their own caches: after each commit every reader must drop its cache, and in a sign-up
/// surge refilling it (a system call per page) was most of the readers' work. The writer keeps
/// its cache (its own commits do not clear it), so it is not mapped.
const MMAP_SIZE: &str = "268435456";

/// The single writer already serialises every write transaction, so a booking locks no rows
/// (PostgreSQL does: see `rota::book`).
const LOCK_ROWS: bool = false;
/// How two inserts go to the database as one call (before the first, between the two):
/// SQLite runs statements separated by `;` one after another.
const INSERT_THEN_INSERT: (&str, &str) = ("", "; ");

impl SqliteStore {
    /// Opens (creating if missing) and migrates the database at `url`.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(db_error)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        // The writer copies the log back itself only once it is large; a connection of its
        // own does it meanwhile (see `checkpoint`).
        let writer_options = options
            .clone()
            .pragma("wal_autocheckpoint", checkpoint::WRITER_CHECKPOINT_PAGES);
        // A connection to a file in this process cannot go stale, so it is not pinged before
        // each use (sqlx's default): the ping is a hand-over to the connection's thread and back.
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .test_before_acquire(false)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(writer_options)
            .await
            .map_err(db_error)?;
        sqlx::migrate!("migrations/sqlite")
            .run(&writer)
            .await
            .map_err(crate::migrate_error)?;
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .test_before_acquire(false)
            .connect_with(options.clone().pragma("mmap_size", MMAP_SIZE))
            .await
            .map_err(db_error)?;
        let group = group::GroupWriter::start(writer.clone(), options)?;
        Ok(Self {
            pool,
            writer,
            group,
        })
    }

    /// Applies one caller's writes as a unit, committed with any others queued beside them.
    async fn apply_writes(&self, writes: Vec<app::ports::Write>) -> Result<(), StoreError> {
        self.group.apply(writes).await
    }
}

/// One row of any table as JSON, column by column, for subject access: SQLite keeps a value's
/// own type, so the stored kind decides (16-byte blobs are UUIDs; columns declared `BOOLEAN`
/// hold 0 or 1). Secret and file columns are left out.
pub(crate) fn json_row(
    row: &sqlx::sqlite::SqliteRow,
) -> Result<serde_json::Map<String, serde_json::Value>, StoreError> {
    use serde_json::Value;
    use sqlx::{Column, Row, TypeInfo, ValueRef};

    let mut map = serde_json::Map::new();
    for (i, column) in row.columns().iter().enumerate() {
        let name = column.name();
        if crate::personal_data::OMITTED_COLUMNS.contains(&name) {
            continue;
        }
        let raw = row.try_get_raw(i).map_err(db_error)?;
        let value = if raw.is_null() {
            Value::Null
        } else {
            let stored = raw.type_info().name().to_owned();
            match stored.as_str() {
                "INTEGER" => {
                    let n: i64 = row.try_get_unchecked(i).map_err(db_error)?;
                    if column.type_info().name() == "BOOLEAN" {
                        Value::Bool(n != 0)
                    } else {
                        Value::from(n)
                    }
                }
                "REAL" => Value::from(row.try_get_unchecked::<f64, _>(i).map_err(db_error)?),
                "BLOB" => {
                    let bytes: Vec<u8> = row.try_get_unchecked(i).map_err(db_error)?;
                    match uuid::Uuid::from_slice(&bytes) {
                        Ok(id) => Value::String(id.to_string()),
                        Err(_) => Value::String(format!("({} bytes)", bytes.len())),
                    }
                }
                _ => Value::String(row.try_get_unchecked::<String, _>(i).map_err(db_error)?),
            }
        };
        map.insert(name.to_owned(), value);
    }
    Ok(map)
}
