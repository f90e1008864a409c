//! Backing up and restoring a SQLite database while Alongside runs.
//!
//! A backup is `VACUUM INTO` a new file: SQLite writes it from one read transaction, so it is a
//! consistent snapshot holding every transaction committed before the backup began, while
//! writers carry on (in WAL mode readers never block the writer). The copy is checked
//! (`PRAGMA integrity_check`, and every migration in it known to this build) before it is given
//! its name. A restore checks the same, refuses to replace a database that has anything in it
//! unless told to, and swaps the file in whole.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use app::StoreError;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

use crate::db_error;

/// What a backup or restore found in the copy it checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// The newest migration applied in it (its schema version).
    pub schema_version: i64,
    /// Its size in bytes.
    pub bytes: u64,
}

/// Backs up the SQLite database at `url` to the new file `to` while it stays in use. Refuses
/// to overwrite an existing file.
pub async fn backup_sqlite(url: &str, to: &Path) -> Result<Snapshot, StoreError> {
    if to.exists() {
        return Err(StoreError::Other(format!(
            "{} already exists: choose a new file name for the backup",
            to.display()
        )));
    }
    let source = options(url)?.read_only(true);
    if !source.get_filename().exists() {
        return Err(StoreError::Other(format!(
            "there is no database at {}",
            source.get_filename().display()
        )));
    }
    let partial = sibling(to, "partial");
    let mut conn = source.connect().await.map_err(db_error)?;
    let copied = sqlx::query("VACUUM INTO $1")
        .bind(partial.to_string_lossy().into_owned())
        .execute(&mut conn)
        .await
        .map_err(db_error);
    conn.close().await.map_err(db_error)?;
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    match check(&partial).await {
        Ok(snapshot) => {
            std::fs::rename(&partial, to).map_err(|e| io("naming the backup", &e))?;
            Ok(snapshot)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
    }
}

/// Restores the backup `from` as the SQLite database at `url`, then brings its schema up to
/// date. Refuses if the backup fails its checks, and (unless `force`) if the target already
/// holds any table. Stop every server using the target first.
pub async fn restore_sqlite(from: &Path, url: &str, force: bool) -> Result<Snapshot, StoreError> {
    let snapshot = check(from).await?;
    let target = options(url)?.get_filename().to_path_buf();
    if !force && has_tables(&target).await? {
        return Err(StoreError::Conflict(format!(
            "{} already holds a database: restore into a new file, or add --force to replace it",
            target.display()
        )));
    }
    let incoming = sibling(&target, "restoring");
    std::fs::copy(from, &incoming).map_err(|e| io("copying the backup", &e))?;
    // The old database's write-ahead log belongs to the old file: it must not be replayed
    // into the restored one.
    for suffix in ["-wal", "-shm", "-journal"] {
        let side = PathBuf::from(format!("{}{suffix}", target.display()));
        if side.exists() {
            std::fs::remove_file(&side).map_err(|e| io("removing the old log", &e))?;
        }
    }
    std::fs::rename(&incoming, &target).map_err(|e| io("putting the backup in place", &e))?;
    // Opening applies any migration newer than the backup, and proves the result usable.
    let store = crate::sqlite::SqliteStore::open(url).await?;
    let version = schema_version(&store.pool).await?;
    store.pool.close().await;
    store.writer.close().await;
    Ok(Snapshot {
        schema_version: version,
        bytes: snapshot.bytes,
    })
}

/// Checks a backup file: SQLite's own integrity check, and every migration it records known
/// to this build (a backup from a newer Alongside cannot be restored by this one).
pub async fn check(path: &Path) -> Result<Snapshot, StoreError> {
    let bytes = std::fs::metadata(path)
        .map_err(|e| io("reading the backup", &e))?
        .len();
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .connect()
        .await
        .map_err(db_error)?;
    let verdict: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut conn)
        .await
        .map_err(db_error)?;
    if verdict != ["ok"] {
        return Err(StoreError::Other(format!(
            "the backup failed SQLite's integrity check: {}",
            verdict.join("; ")
        )));
    }
    let applied: Vec<(i64, Vec<u8>, bool)> =
        sqlx::query_as("SELECT version, checksum, success FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut conn)
            .await
            .map_err(|e| StoreError::Other(format!("this is not an Alongside database: {e}")))?;
    conn.close().await.map_err(db_error)?;
    let known = sqlx::migrate!("migrations/sqlite");
    for (version, checksum, success) in &applied {
        let Some(m) = known.iter().find(|m| m.version == *version) else {
            return Err(StoreError::Other(format!(
                "the backup has migration {version}, which this Alongside does not know: \
                 restore it with the version that made it, or a newer one"
            )));
        };
        if !success || m.checksum.as_ref() != checksum.as_slice() {
            return Err(StoreError::Other(format!(
                "migration {version} in the backup is incomplete or differs from this Alongside's"
            )));
        }
    }
    let schema_version = applied.last().map_or(0, |(v, _, _)| *v);
    if schema_version == 0 {
        return Err(StoreError::Other(
            "the backup has no migrations: it is not an Alongside database".into(),
        ));
    }
    Ok(Snapshot {
        schema_version,
        bytes,
    })
}

async fn has_tables(path: &Path) -> Result<bool, StoreError> {
    if !path.exists() || std::fs::metadata(path).map(|m| m.len()).unwrap_or(0) == 0 {
        return Ok(false);
    }
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .connect()
        .await
        .map_err(db_error)?;
    let tables: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'")
        .fetch_one(&mut conn)
        .await
        .map_err(db_error)?;
    conn.close().await.map_err(db_error)?;
    Ok(tables > 0)
}

async fn schema_version(pool: &sqlx::SqlitePool) -> Result<i64, StoreError> {
    sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success")
        .fetch_one(pool)
        .await
        .map_err(db_error)
}

fn options(url: &str) -> Result<SqliteConnectOptions, StoreError> {
    if !url.starts_with("sqlite:") {
        return Err(StoreError::Other(format!(
            "{url:?} is not a SQLite database URL (sqlite://FILE)"
        )));
    }
    Ok(SqliteConnectOptions::from_str(url)
        .map_err(db_error)?
        .busy_timeout(Duration::from_secs(30)))
}

/// A new file beside `path` for work in progress, renamed into place only when complete.
fn sibling(path: &Path, what: &str) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "alongside".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.{what}-{}", uuid::Uuid::new_v4()))
}

fn io(doing: &str, e: &std::io::Error) -> StoreError {
    StoreError::Other(format!("{doing}: {e}"))
}
