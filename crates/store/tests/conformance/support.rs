//! The two backends, each a fresh database per test, and the `conformance!` macro that runs a
//! test on both.

use std::sync::Arc;

use app::Store;
use uuid::Uuid;

/// A fresh SQLite database in a new temporary file.
pub async fn sqlite() -> Arc<dyn Store> {
    let path = std::env::temp_dir().join(format!("alongside-test-{}.db", Uuid::now_v7()));
    alongside_store::open(&format!("sqlite://{}", path.display()))
        .await
        .expect("opening a SQLite test database")
}

/// A fresh PostgreSQL database, created next to the one `ALONGSIDE_TEST_POSTGRES_URL` names.
pub async fn postgres() -> Arc<dyn Store> {
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
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .unwrap_or_else(|e| panic!("creating test database {name}: {e}"));
    admin.close().await.ok();
    alongside_store::open(&with_database(&url, &name))
        .await
        .expect("opening a PostgreSQL test database")
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
