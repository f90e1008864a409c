//! The two backends, each a fresh database per test, and the `conformance!` macro that runs a
//! test on both.

use std::sync::Arc;

use app::Store;
use uuid::Uuid;

/// A fresh SQLite database in a new temporary file.
pub async fn sqlite() -> Arc<dyn Store> {
    alongside_store::open(&sqlite_url())
        .await
        .expect("opening a SQLite test database")
}

/// A fresh PostgreSQL database, created next to the one `ALONGSIDE_TEST_POSTGRES_URL` names.
pub async fn postgres() -> Arc<dyn Store> {
    alongside_store::open(&postgres_url().await)
        .await
        .expect("opening a PostgreSQL test database")
}

/// The URL of a new SQLite file (created when first opened), for tests that open one database
/// twice, as two servers would.
pub fn sqlite_url() -> String {
    let path = std::env::temp_dir().join(format!("alongside-test-{}.db", Uuid::now_v7()));
    format!("sqlite://{}", path.display())
}

/// The URL of a fresh, empty PostgreSQL database next to the one `ALONGSIDE_TEST_POSTGRES_URL`
/// names.
pub async fn postgres_url() -> String {
    use sqlx::Connection;

    let url = std::env::var("ALONGSIDE_TEST_POSTGRES_URL").unwrap_or_else(|_| {
        panic!(
            "ALONGSIDE_TEST_POSTGRES_URL is not set: the store conformance tests need a PostgreSQL \
             server, e.g. ALONGSIDE_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test"
        )
    });
    let name = format!("alongside_t_{}", Uuid::now_v7().simple());
    let mut admin = sqlx::PgConnection::connect(&url)
        .await
        .unwrap_or_else(|e| panic!("connecting to ALONGSIDE_TEST_POSTGRES_URL ({url}): {e}"));
    if !SWEPT.swap(true, std::sync::atomic::Ordering::SeqCst) {
        sweep_old_databases(&mut admin).await;
    }
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .unwrap_or_else(|e| panic!("creating test database {name}: {e}"));
    admin.close().await.ok();
    with_database(&url, &name)
}

static SWEPT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Drops test databases left by earlier runs, so a CI machine does not fill up with them. Their
/// names carry a UUIDv7, whose timestamp says when they were made; only those over an hour old
/// go, so tests running now in other processes keep theirs.
async fn sweep_old_databases(admin: &mut sqlx::PgConnection) {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT datname FROM pg_database WHERE datname LIKE 'alongside\\_t\\_%'",
    )
    .fetch_all(&mut *admin)
    .await
    .unwrap_or_default();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    for name in names {
        let made = name
            .strip_prefix("alongside_t_")
            .and_then(|id| Uuid::parse_str(id).ok())
            .and_then(|id| id.get_timestamp())
            .map(|t| t.to_unix().0);
        if made.is_some_and(|made| made + 3_600 < now) {
            let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            sqlx::query(sqlx::AssertSqlSafe(drop))
                .execute(&mut *admin)
                .await
                .ok();
        }
    }
}

/// `url` with its database name replaced by `name`, keeping any `?parameters`.
fn with_database(url: &str, name: &str) -> String {
    let (base, params) = match url.split_once('?') {
        Some((base, params)) => (base, format!("?{params}")),
        None => (url, String::new()),
    };
    let authority = base.find("://").map_or(0, |i| i + 3);
    let path = base[authority..]
        .find('/')
        .map_or(base.len(), |i| authority + i);
    format!("{}/{name}{params}", &base[..path])
}

/// Runs `async fn $name(store: Arc<dyn Store>)` once per backend, as the tests `$name::sqlite`
/// and `$name::postgres`.
macro_rules! conformance {
    ($name:ident) => {
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::$name($crate::support::sqlite().await).await;
            }

            #[tokio::test]
            async fn postgres() {
                super::$name($crate::support::postgres().await).await;
            }
        }
    };
}

/// Runs `async fn $name(url: String)` once per backend, as the tests `$name::sqlite` and
/// `$name::postgres`, on a multi-threaded runtime: `url` names a fresh database that the test
/// may open several times, as several servers sharing it would.
macro_rules! conformance_shared {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite() {
                super::$name($crate::support::sqlite_url()).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres() {
                super::$name($crate::support::postgres_url().await).await;
            }
        }
    };
}
