//! Two real `alongside serve` processes sharing one PostgreSQL database run the job queue at the
//! same time: an expiry reminder due today is sent exactly once, to the volunteer and to each
//! manager.
//!
//! Needs `ALONGSIDE_TEST_POSTGRES_URL` (e.g. `postgres://postgres@127.0.0.1:5432/test`) and
//! `psql`, like the other PostgreSQL tests.

// The helpers fail the test by panicking, outside `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write as _};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use app::{App, SystemClock, Write};
use domain::compliance::check::CheckInput;
use domain::compliance::{Check, CheckKind};
use domain::organisation::OrganisationInput;
use domain::person::{Person, PersonInput};

mod common;

use common::new_postgres_database as fresh_database;

async fn register(app: &App, given: &str, family: &str) -> Person {
    let input = PersonInput {
        given_name: given.into(),
        family_name: family.into(),
        email: format!("{}@example.org", given.to_lowercase()),
        ..Default::default()
    };
    app.register(&input, "a long enough password")
        .await
        .unwrap()
}

fn free_addresses() -> (String, String) {
    let a = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let b = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    (
        a.local_addr().unwrap().to_string(),
        b.local_addr().unwrap().to_string(),
    )
}

fn serve(url: &str, addr: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_alongside"))
        .args(["serve", "--database-url", url, "--listen", addr])
        .env_remove("ALONGSIDE_SMTP_URL")
        .env_remove("DATABASE_URL")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn answers(addr: &str) -> bool {
    let Ok(mut stream) = TcpStream::connect(addr) else {
        return false;
    };
    let request = format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    let mut response = String::new();
    stream.write_all(request.as_bytes()).is_ok()
        && stream.read_to_string(&mut response).is_ok()
        && response.starts_with("HTTP/1.1 200")
}

/// Kills the servers however the test ends.
struct Servers(Vec<Child>);

impl Drop for Servers {
    fn drop(&mut self) {
        for child in &mut self.0 {
            child.kill().ok();
            child.wait().ok();
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn two_servers_send_a_reminder_once() {
    let url = fresh_database();
    let store = store::open(&url).await.unwrap();
    let app = App::new(store.clone(), Arc::new(SystemClock), "http://localhost");

    // An organisation with an admin and a volunteer manager, and a volunteer whose training
    // (verified by the admin) runs out in seven days.
    let admin = register(&app, "Ada", "Admin").await;
    let manager = register(&app, "Morgan", "Manager").await;
    let volunteer = register(&app, "Val", "Volunteer").await;
    app.create_organisation(
        &OrganisationInput {
            name: "Wharfe Meadows Hospice".into(),
            slug: "wharfe".into(),
            sector: "voluntary".into(),
            kind: "hospice".into(),
            postcode: "LS21 3HB".into(),
            ..Default::default()
        },
        admin.id,
    )
    .await
    .unwrap();
    let scope = app.authorise(admin.id, "wharfe").await.unwrap();
    app.grant_permission(&scope, manager.email.as_str(), "volunteer_manager", vec![])
        .await
        .unwrap();
    let catalogue = app.catalogue(&scope).await.unwrap();
    let module = catalogue
        .iter()
        .find(|t| t.kind == CheckKind::Training)
        .unwrap();
    let item = Check::pending(volunteer.id, module);
    store
        .apply(vec![Write::InsertCheck(item.clone())])
        .await
        .unwrap();
    let today = chrono::Utc::now().date_naive();
    let expires = today + chrono::Duration::days(7);
    let verify = CheckInput {
        action: "verify".into(),
        issued_on: today.to_string(),
        expires_on: expires.to_string(),
        ..Default::default()
    };
    let verified = app.record_check(&scope, item.id, &verify).await.unwrap();
    assert_eq!(verified.expires_on, Some(expires));
    assert!(
        store
            .jobs_with_prefix("expiry-reminder")
            .await
            .unwrap()
            .is_empty()
    );

    // Two servers, started together; each runs the queue as soon as it starts.
    let (first, second) = free_addresses();
    let servers = Servers(vec![serve(&url, &first), serve(&url, &second)]);
    let deadline = Instant::now() + Duration::from_secs(60);
    let (mut up, mut done) = (false, false);
    while Instant::now() < deadline && !(up && done) {
        up = up || (answers(&first) && answers(&second));
        let jobs = store.jobs_with_prefix("expiry-reminder").await.unwrap();
        done = jobs.len() == 1 && jobs[0].1;
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(up, "both servers answer /healthz");
    assert!(done, "the reminder job was done within a minute");
    // Both servers have had their first go at the queue by now; give the slower one a moment.
    tokio::time::sleep(Duration::from_secs(2)).await;
    drop(servers);

    let reminders: Vec<_> = store
        .recent_messages(1_000)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.subject.contains("runs out on"))
        .collect();
    let to = |p: &Person| {
        reminders
            .iter()
            .filter(|m| m.to == p.email.as_str())
            .count()
    };
    assert_eq!(to(&volunteer), 1, "{reminders:#?}");
    assert_eq!(to(&admin), 1, "{reminders:#?}");
    assert_eq!(to(&manager), 1, "{reminders:#?}");
    assert_eq!(reminders.len(), 3, "{reminders:#?}");
    assert_eq!(
        store.jobs_with_prefix("expiry-reminder").await.unwrap(),
        vec![(
            format!("expiry-reminder:{}:{expires}:7-days", item.id),
            true
        )]
    );
}

/// Many volunteers racing for few places through two real servers on one PostgreSQL, over
/// HTTP (`alongside bench signups`): every place is taken, none twice, and every sign-up the
/// servers acknowledged is in the database.
#[test]
fn two_servers_never_overbook_a_sign_up_race() {
    let url = fresh_database();
    let output = Command::new(env!("CARGO_BIN_EXE_alongside"))
        .args([
            "bench",
            "signups",
            "--database-url",
            &url,
            "--servers",
            "2",
            "--volunteers",
            "60",
            "--hot-shifts",
            "2",
            "--shifts",
            "4",
            "--tries",
            "4",
            "--concurrency",
            "24",
            "--json",
        ])
        .env_remove("ALONGSIDE_SMTP_URL")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let line = stdout.lines().find(|l| l.starts_with('{')).unwrap();
    let result: serde_json::Value = serde_json::from_str(line).unwrap();
    assert_eq!(result["servers"], 2);
    // 60 tries for 2 × 5 hot places and 240 for 4 × 10 others: all 50 taken, the rest refused.
    assert_eq!(result["attempts"], 300, "{result}");
    assert_eq!(result["booked"], 50, "{result}");
    assert_eq!(result["refused"], 250, "{result}");
    assert_eq!(result["failed"], 0, "{result}");
    assert_eq!(result["stored"], 50, "{result}");
    assert_eq!(result["overbooked"], 0, "{result}");
}
