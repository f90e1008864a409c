//! What the command-line tests share: running the binary, scratch files and databases, a bare
//! HTTP GET, and a hospice with its admin to work on.

// Each test file uses some of these, never all; they fail by panicking, as tests do.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use domain::organisation::{Organisation, OrganisationInput};
use domain::person::{Person, PersonInput};

/// The `alongside` binary under test.
pub fn alongside() -> Command {
    Command::new(env!("CARGO_BIN_EXE_alongside"))
}

/// A path in the temporary directory that nothing uses yet.
pub fn temp_path(what: &str) -> PathBuf {
    std::env::temp_dir().join(format!("alongside-ops-{what}-{}", uuid::Uuid::now_v7()))
}

/// The database URL of a SQLite file.
pub fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

/// A command's standard error, as text.
pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The whole response to `GET path` from a server at `addr`, or `None` if it is not answering.
pub fn get(addr: &str, path: &str) -> Option<String> {
    let mut stream = std::net::TcpStream::connect(addr).ok()?;
    stream
        .write_all(
            format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
        )
        .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    Some(response)
}

/// A new, empty PostgreSQL database beside the one `ALONGSIDE_TEST_POSTGRES_URL` names (named
/// like the store's test databases, so old ones are swept away the same way).
pub fn new_postgres_database() -> String {
    let base = std::env::var("ALONGSIDE_TEST_POSTGRES_URL")
        .expect("ALONGSIDE_TEST_POSTGRES_URL must name a PostgreSQL server for these tests");
    let name = format!("alongside_t_{}", uuid::Uuid::now_v7().simple());
    let created = Command::new("psql")
        .args([
            base.as_str(),
            "-q",
            "-c",
            &format!("CREATE DATABASE {name}"),
        ])
        .status()
        .expect("running psql");
    assert!(
        created.success(),
        "could not create a test database with psql"
    );
    let (server, _) = base.split_once('?').unwrap_or((&base, ""));
    format!("{}/{name}", server.rsplit_once('/').unwrap().0)
}

/// The app on the database at `url`, with Ada Admin and her organisation Wharfe Meadows
/// Hospice (`wharfe`).
pub async fn wharfe_hospice(url: &str) -> (app::App, Person, Organisation) {
    let store = store::open(url).await.unwrap();
    let app = app::App::new(store, Arc::new(app::SystemClock), "http://localhost");
    let admin = PersonInput {
        given_name: "Ada".into(),
        family_name: "Admin".into(),
        email: "ada@example.org".into(),
        ..Default::default()
    };
    let admin = app
        .register(&admin, "a long enough password")
        .await
        .unwrap();
    let org = OrganisationInput {
        name: "Wharfe Meadows Hospice".into(),
        slug: "wharfe".into(),
        sector: "voluntary".into(),
        kind: "hospice".into(),
        postcode: "LS21 3HB".into(),
        ..Default::default()
    };
    let org = app.create_organisation(&org, admin.id).await.unwrap();
    (app, admin, org)
}
