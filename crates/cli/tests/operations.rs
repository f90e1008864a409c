//! Operations from the command line: `backup` / `restore` of a SQLite database while writers
//! keep committing, JSON logs and metrics (exports are in `export.rs`).

// Test bodies fail by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::path::Path;
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use app::Write;
use domain::audit::{Actor, AuditEntry};
use sqlx::Connection;
use uuid::Uuid;

mod common;

use common::{alongside, get, new_postgres_database, sqlite_url, stderr, temp_path};

fn entry(id: Uuid) -> Write {
    Write::Audit(AuditEntry::new(
        None,
        Actor::System,
        "load.written",
        "load",
        id,
        chrono::Utc::now(),
    ))
}

async fn audit_ids(path: &Path) -> HashSet<Uuid> {
    let mut conn = sqlx::SqliteConnection::connect(&sqlite_url(path))
        .await
        .unwrap();
    let ids: Vec<Uuid> =
        sqlx::query_scalar("SELECT entity_id FROM audit_log WHERE action = 'load.written'")
            .fetch_all(&mut conn)
            .await
            .unwrap();
    ids.into_iter().collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_under_write_load_restores_everything_acknowledged_before_it() {
    let db = temp_path("live.db");
    let url = sqlite_url(&db);
    let store = store::open(&url).await.unwrap();
    // Enough data that the backup takes a moment while the writers carry on.
    let mut preloaded = Vec::new();
    for _ in 0..20 {
        let ids: Vec<Uuid> = (0..1_000).map(|_| Uuid::now_v7()).collect();
        store
            .apply(ids.iter().map(|id| entry(*id)).collect())
            .await
            .unwrap();
        preloaded.extend(ids);
    }

    // Writers commit one entry at a time and note when each was acknowledged. Bounded in
    // count and time, they stop by themselves.
    let stop = Arc::new(AtomicBool::new(false));
    let acknowledged: Arc<Mutex<Vec<(Uuid, Instant)>>> = Arc::default();
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut writers = Vec::new();
    for _ in 0..4 {
        let (store, stop, acknowledged) = (store.clone(), stop.clone(), acknowledged.clone());
        writers.push(tokio::spawn(async move {
            for _ in 0..50_000 {
                if stop.load(Ordering::Relaxed) || Instant::now() > deadline {
                    break;
                }
                let id = Uuid::now_v7();
                store.apply(vec![entry(id)]).await.unwrap();
                acknowledged.lock().unwrap().push((id, Instant::now()));
            }
        }));
    }
    while acknowledged.lock().unwrap().len() < 200 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }

    let backup = temp_path("backup.db");
    let began = Instant::now();
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_alongside"))
        .args(["backup", "--to"])
        .arg(&backup)
        .args(["--database-url", &url])
        .output()
        .await
        .unwrap();
    let ended = Instant::now();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("integrity check passed"));
    tokio::time::sleep(Duration::from_millis(50)).await;
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    let during = acknowledged
        .iter()
        .filter(|(_, at)| *at > began && *at < ended)
        .count();
    assert!(
        during > 0,
        "the writers kept committing while the backup ran"
    );

    // A backup never overwrites a file.
    let again = alongside()
        .args(["backup", "--to"])
        .arg(&backup)
        .args(["--database-url", &url])
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );

    // Restore into a new file.
    let restored = temp_path("restored.db");
    let restored_url = sqlite_url(&restored);
    let out = alongside()
        .args(["restore", "--from"])
        .arg(&backup)
        .args(["--database-url", &restored_url])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));

    // Nothing acknowledged before the backup began is missing, and nothing is there that was
    // never written.
    let found = audit_ids(&restored).await;
    for id in &preloaded {
        assert!(found.contains(id), "a preloaded entry is missing");
    }
    let before: Vec<&Uuid> = acknowledged
        .iter()
        .filter(|(_, at)| *at <= began)
        .map(|(id, _)| id)
        .collect();
    assert!(before.len() >= 200);
    let missing = before.iter().filter(|id| !found.contains(id)).count();
    assert_eq!(missing, 0, "{missing} acknowledged writes are missing");
    let written: HashSet<Uuid> = preloaded
        .iter()
        .copied()
        .chain(acknowledged.iter().map(|(id, _)| *id))
        .collect();
    assert!(found.is_subset(&written));

    // The restored database is consistent and usable.
    let mut conn = sqlx::SqliteConnection::connect(&restored_url)
        .await
        .unwrap();
    let verdict: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(verdict, "ok");
    conn.close().await.unwrap();
    let restored_store = store::open(&restored_url).await.unwrap();
    let extra = Uuid::now_v7();
    restored_store.apply(vec![entry(extra)]).await.unwrap();
    assert!(
        !restored_store
            .audit_for(None, extra)
            .await
            .unwrap()
            .is_empty()
    );
    drop(restored_store);

    // A database with data in it is replaced only with --force.
    let refused = alongside()
        .args(["restore", "--from"])
        .arg(&backup)
        .args(["--database-url", &restored_url])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));
    assert!(audit_ids(&restored).await.contains(&extra));
    let forced = alongside()
        .args(["restore", "--force", "--from"])
        .arg(&backup)
        .args(["--database-url", &restored_url])
        .output()
        .unwrap();
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(!audit_ids(&restored).await.contains(&extra));

    // A file that is not a backup is refused before anything is touched.
    let junk = temp_path("junk.db");
    std::fs::write(&junk, b"not a database").unwrap();
    let out = alongside()
        .args(["restore", "--force", "--from"])
        .arg(&junk)
        .args(["--database-url", &restored_url])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_eq!(audit_ids(&restored).await.len(), found.len());
}

#[test]
fn a_served_alongside_logs_json_lines_and_answers_metrics_on_loopback() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    drop(listener);
    let mut child = alongside()
        .args(["--log-format", "json", "serve", "--listen", &addr])
        .args(["--database-url", &sqlite_url(&temp_path("json.db"))])
        .env("RUST_LOG", "info,tower_http=debug,sqlx=warn")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline && get(&addr, "/healthz").is_none() {
        std::thread::sleep(Duration::from_millis(50));
    }
    let metrics = get(&addr, "/metrics").unwrap_or_default();
    child.kill().unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(metrics.starts_with("HTTP/1.1 200"), "{metrics}");
    assert!(
        metrics.contains(
            r#"alongside_http_requests_total{method="GET",route="/healthz",status="200"}"#
        ),
        "{metrics}"
    );
    let log = stderr(&out);
    let lines: Vec<&str> = log.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(!lines.is_empty(), "nothing was logged");
    for line in &lines {
        let v: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        assert!(
            v["level"].is_string() && v["timestamp"].is_string(),
            "{line}"
        );
    }
    assert!(log.contains("/healthz"), "the request was logged: {log}");
}

#[tokio::test]
async fn postgres_backs_up_with_pg_dump_and_restores_only_into_an_empty_database() {
    let source = new_postgres_database();
    let store = store::open(&source).await.unwrap();
    let kept = Uuid::now_v7();
    store.apply(vec![entry(kept)]).await.unwrap();
    drop(store);

    let dump = temp_path("pg.dump");
    let out = alongside()
        .args(["backup", "--to"])
        .arg(&dump)
        .args(["--database-url", &source])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));

    let target = new_postgres_database();
    let out = alongside()
        .args(["restore", "--from"])
        .arg(&dump)
        .args(["--database-url", &target])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let restored = store::open(&target).await.unwrap();
    assert!(!restored.audit_for(None, kept).await.unwrap().is_empty());
    let later = Uuid::now_v7();
    restored.apply(vec![entry(later)]).await.unwrap();
    drop(restored);

    // The target now has data: restoring again needs --force, which replaces it.
    let refused = alongside()
        .args(["restore", "--from"])
        .arg(&dump)
        .args(["--database-url", &target])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));
    let forced = alongside()
        .args(["restore", "--force", "--from"])
        .arg(&dump)
        .args(["--database-url", &target])
        .output()
        .unwrap();
    assert!(forced.status.success(), "{}", stderr(&forced));
    let restored = store::open(&target).await.unwrap();
    assert!(!restored.audit_for(None, kept).await.unwrap().is_empty());
    assert!(restored.audit_for(None, later).await.unwrap().is_empty());
}
