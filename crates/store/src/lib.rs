//! The Alongside store on SQLite (embedded, the default) and PostgreSQL (for scale-out).
//!
//! Both backends compile the same query code: the modules under `sql/` are included twice, once
//! in [`sqlite`] and once in [`postgres`], each with its own concrete `Db` type, so the SQL is
//! written once and type-checked for each backend. The few dialect differences (row locking when
//! claiming outbox messages, connection set-up) sit side by side in `sqlite.rs` and `postgres.rs`.
//! Migrations are embedded, one folder per backend.

mod attendance_rows;
pub mod backup;
mod calendar_rows;
mod compliance_rows;
mod event_rows;
mod expense_rows;
mod library_rows;
mod network_rows;
pub mod personal_data;
pub mod postgres;
mod rota_rows;
mod rows;
mod safeguarding_rows;
pub mod sqlite;
mod support_rows;
mod waitlist_rows;

use std::sync::Arc;

use app::{Store, StoreError};

/// Opens the database named by `url` (`sqlite://…` or `postgres://…`), creating a SQLite file if
/// missing, and applies any migrations not yet applied.
pub async fn open(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    if is_postgres(url) {
        Ok(Arc::new(postgres::PostgresStore::open(url).await?))
    } else if url.starts_with("sqlite:") {
        Ok(Arc::new(sqlite::SqliteStore::open(url).await?))
    } else {
        Err(StoreError::Other(format!(
            "unsupported database URL {url:?}: use sqlite://FILE or postgres://USER@HOST/DATABASE"
        )))
    }
}

/// Whether a URL names PostgreSQL.
pub fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

pub(crate) fn db_error(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => {
            // The constraint's name is for the log; people get words.
            tracing::info!(
                constraint = d.constraint().unwrap_or("unique"),
                "unique constraint refused a write"
            );
            StoreError::Conflict(
                "This was saved at the same moment by someone else, or already exists. Reload the page and try again".to_owned(),
            )
        }
        sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed => {
            StoreError::Unavailable(e.to_string())
        }
        _ => StoreError::Other(e.to_string()),
    }
}

/// Marks SQL text built with `format!` as safe. Only ever used with column-list constants and
/// fixed text, never with input.
pub(crate) fn sql(text: String) -> sqlx::AssertSqlSafe<String> {
    sqlx::AssertSqlSafe(text)
}

/// A database count as an unsigned number.
pub(crate) fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

pub(crate) fn migrate_error(e: sqlx::migrate::MigrateError) -> StoreError {
    StoreError::Other(format!("migrating: {e}"))
}

/// Times inserting `bookings` one per transaction with nothing checked: the raw ceiling the
/// sign-up benchmark reports beside itself. Opens its own connection pool on `url`.
pub async fn time_raw_booking_inserts(
    url: &str,
    bookings: &[domain::rota::Booking],
) -> Result<std::time::Duration, StoreError> {
    if is_postgres(url) {
        let store = postgres::PostgresStore::open(url).await?;
        let started = std::time::Instant::now();
        store.insert_bookings_raw(bookings).await?;
        Ok(started.elapsed())
    } else {
        let store = sqlite::SqliteStore::open(url).await?;
        let started = std::time::Instant::now();
        store.insert_bookings_raw(bookings).await?;
        Ok(started.elapsed())
    }
}

/// Times inserting a people import's rows with a bare loop (one `INSERT` a row, one
/// transaction, nothing checked): the raw ceiling the import benchmark reports beside itself.
pub async fn time_raw_people_inserts(
    url: &str,
    batch: &app::ports::PeopleBatch,
) -> Result<std::time::Duration, StoreError> {
    if is_postgres(url) {
        let store = postgres::PostgresStore::open(url).await?;
        let started = std::time::Instant::now();
        store.insert_people_raw(batch).await?;
        Ok(started.elapsed())
    } else {
        let store = sqlite::SqliteStore::open(url).await?;
        let started = std::time::Instant::now();
        store.insert_people_raw(batch).await?;
        Ok(started.elapsed())
    }
}
