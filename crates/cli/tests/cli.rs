//! The `alongside` binary as a user runs it: help, migrations, API tokens, and serving `/healthz`.

use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use domain::organisation::OrganisationInput;
use domain::person::PersonInput;

mod common;

use common::{alongside, get};

fn temp_sqlite() -> String {
    let path = std::env::temp_dir().join(format!("alongside-cli-{}.db", uuid::Uuid::now_v7()));
    format!("sqlite://{}", path.display())
}

#[test]
fn every_command_has_help() {
    for args in [
        &["--help"][..],
        &["serve", "--help"],
        &["migrate", "--help"],
        &["demo", "--help"],
        &["token", "create", "--help"],
        &["organisation", "create", "--help"],
        &["deprivation", "load", "--help"],
        &["postcodes", "load", "--help"],
        &["privacy", "export", "--help"],
        &["privacy", "retention", "--help"],
    ] {
        let out = alongside().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Usage:"), "{args:?}: {text}");
    }
    let serve = String::from_utf8_lossy(
        &alongside()
            .args(["serve", "--help"])
            .output()
            .unwrap()
            .stdout,
    )
    .to_string();
    assert!(
        serve.contains("--database-url")
            && serve.contains("--listen")
            && serve.contains("DATABASE_URL")
    );
}

#[test]
fn migrate_is_idempotent_on_sqlite() {
    let url = temp_sqlite();
    for _ in 0..2 {
        let out = alongside()
            .args(["migrate", "--database-url", &url])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("up to date"));
    }
}

#[test]
fn migrate_is_idempotent_on_postgres() {
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
        .unwrap();
    assert!(
        created.success(),
        "could not create a test database with psql"
    );
    let url = format!("{}/{name}", base.rsplit_once('/').unwrap().0);
    for _ in 0..2 {
        let out = alongside()
            .env("DATABASE_URL", &url)
            .arg("migrate")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn an_unusable_database_url_is_a_clear_error() {
    let out = alongside()
        .args(["migrate", "--database-url", "mysql://nobody"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unsupported database URL"));
}

#[tokio::test]
async fn token_create_prints_a_working_token_once() {
    let url = temp_sqlite();
    let store = store::open(&url).await.unwrap();
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
    app.create_organisation(&org, admin.id).await.unwrap();

    let out = alongside()
        .args([
            "token",
            "create",
            "--organisation",
            "wharfe",
            "--email",
            "ada@example.org",
            "--database-url",
            &url,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let token = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert_eq!(token.len(), 64);
    let scope = app.authorise_token(&token).await.unwrap();
    assert_eq!(scope.organisation().slug.as_str(), "wharfe");

    let out = alongside()
        .args([
            "token",
            "create",
            "--organisation",
            "nowhere",
            "--email",
            "ada@example.org",
            "--database-url",
            &url,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("No organisation with the short name nowhere")
    );
    let out = alongside()
        .args([
            "token",
            "create",
            "--organisation",
            "wharfe",
            "--email",
            "someone@example.org",
            "--database-url",
            &url,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a staff member"));
}

#[test]
fn serve_answers_healthz_once_ready() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    drop(listener);
    let mut child = alongside()
        .args(["serve", "--database-url", &temp_sqlite()])
        .env("ALONGSIDE_LISTEN", &addr)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut answer = None;
    while Instant::now() < deadline {
        if let Some(r) = get(&addr, "/healthz") {
            answer = Some(r);
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let home = get(&addr, "/");
    child.kill().unwrap();
    child.wait().unwrap();
    let answer = answer.expect("the server never answered");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(home.unwrap().contains("Volunteer in health and care"));
}

#[tokio::test]
async fn organisation_create_adds_an_organisation_with_its_admin() {
    let url = temp_sqlite();
    let store = store::open(&url).await.unwrap();
    let app = app::App::new(store, Arc::new(app::SystemClock), "http://localhost");
    let admin = PersonInput {
        given_name: "Imran".into(),
        family_name: "Hussain".into(),
        email: "imran@example.org".into(),
        ..Default::default()
    };
    let admin = app
        .register(&admin, "a long enough password")
        .await
        .unwrap();
    let create = |extra: &[&str]| {
        let mut args = vec![
            "organisation",
            "create",
            "--name",
            "Riverside Hospitals NHS Trust",
            "--slug",
            "riverside",
            "--sector",
            "nhs",
            "--kind",
            "acute_trust",
            "--postcode",
            "ls9 7rh",
            "--database-url",
            &url,
        ];
        args.extend_from_slice(extra);
        alongside().args(args).output().unwrap()
    };

    let out = create(&["--admin-email", "imran@example.org"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(
        stderr.contains("--ods-code: Enter the ODS code for an NHS organisation"),
        "{stderr}"
    );
    let out = create(&["--admin-email", "nobody@example.org", "--ods-code", "rz9"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("--admin-email: No one with that email address")
    );
    assert!(
        app.organisations().await.unwrap().is_empty(),
        "nothing was saved"
    );

    let out = create(&["--admin-email", "Imran@Example.org", "--ods-code", "rz9"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("Created Riverside Hospitals NHS Trust (riverside)")
    );
    let scope = app.authorise(admin.id, "riverside").await.unwrap();
    assert_eq!(
        scope.permission(),
        domain::staff::Permission::OrganisationAdmin
    );
    assert_eq!(
        scope.organisation().ods_code.as_ref().unwrap().as_str(),
        "RZ9"
    );
}

#[test]
fn deprivation_loads_english_postcodes_and_a_bad_file_loads_nothing() {
    let url = temp_sqlite();
    let dir = std::env::temp_dir();
    let good = dir.join(format!("onspd-{}.csv", uuid::Uuid::now_v7()));
    std::fs::write(
        &good,
        "pcd,pcds,ctry,imd\r\nLS1  4AP,LS1 4AP,E92000001,120\r\nCF101AA,CF10 1AA,W92000004,55\r\n\
         LS2  9JT,LS2 9JT,E92000001,32000\r\nZE1  0AA,ZE1 0AA,E92000001,\r\n",
    )
    .unwrap();
    let out = alongside()
        .args(["deprivation", "load"])
        .arg(&good)
        .args(["--copyright-year", "2025", "--database-url", &url])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("Loaded the IMD decile of 2 English postcodes"),
        "Welsh and rankless rows are left out: {}",
        String::from_utf8_lossy(&out.stdout)
    );

    let bad = dir.join(format!("onspd-bad-{}.csv", uuid::Uuid::now_v7()));
    std::fs::write(
        &bad,
        "pcds,imd\nLS1 4AP,12\nNOT A CODE,5\nLS2 9JT,lots\nLS3 1AA,40000\n",
    )
    .unwrap();
    let out = alongside()
        .args(["deprivation", "load"])
        .arg(&bad)
        .args(["--copyright-year", "2026", "--database-url", &url])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let errors = String::from_utf8_lossy(&out.stderr);
    for line in [
        "line 3: pcds",
        "line 4: imd \"lots\"",
        "line 5: imd \"40000\"",
        "Nothing was loaded",
    ] {
        assert!(errors.contains(line), "{line}: {errors}");
    }
    assert!(!errors.contains("line 2"), "{errors}");
    // The first load is untouched.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let year = runtime.block_on(async {
        let store = store::open(&url).await.unwrap();
        store.postcode_deprivation_year().await.unwrap()
    });
    assert_eq!(year, Some(2025));
    let missing = alongside()
        .args([
            "deprivation",
            "load",
            "/no/such/file.csv",
            "--copyright-year",
            "2025",
            "--database-url",
            &url,
        ])
        .output()
        .unwrap();
    assert!(!missing.status.success());
}

#[test]
fn postcode_locations_load_and_a_bad_file_loads_nothing() {
    let url = temp_sqlite();
    let dir = std::env::temp_dir();
    let good = dir.join(format!("onspd-loc-{}.csv", uuid::Uuid::now_v7()));
    // With a byte-order mark and CRLF, as spreadsheets save it; the last has no grid reference.
    std::fs::write(
        &good,
        "\u{feff}pcd,pcds,lat,long\r\nLS1  4AP,LS1 4AP,53.797,-1.548\r\nYO1  7HH,YO1 7HH,53.959,-1.081\r\n\
         ZZ9  9ZZ,ZZ9 9ZZ,99.999999,0.000000\r\n",
    )
    .unwrap();
    let out = alongside()
        .args(["postcodes", "load"])
        .arg(&good)
        .args(["--database-url", &url])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Loaded the location of 2 postcodes"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let bad = dir.join(format!("onspd-loc-bad-{}.csv", uuid::Uuid::now_v7()));
    std::fs::write(
        &bad,
        "pcds,lat,long\nLS2 9JT,53.8,-1.55\nLS3 1AA,north,-1.5\nLS4 2AA,40.0,-1.5\nNOT A CODE,53.8,-1.5\n",
    )
    .unwrap();
    let out = alongside()
        .args(["postcodes", "load"])
        .arg(&bad)
        .args(["--database-url", &url])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let errors = String::from_utf8_lossy(&out.stderr);
    for line in [
        "line 3: lat \"north\"",
        "line 4: lat 40 long -1.5 is not in the UK",
        "line 5: pcds",
        "Nothing was loaded",
    ] {
        assert!(errors.contains(line), "{line}: {errors}");
    }
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let found = runtime.block_on(async {
        let store = store::open(&url).await.unwrap();
        store
            .postcode_locations(&["LS1 4AP".into(), "YO1 7HH".into(), "LS2 9JT".into()])
            .await
            .unwrap()
    });
    assert_eq!(found.len(), 2, "the bad file added nothing: {found:?}");
}

#[tokio::test]
async fn privacy_exports_a_persons_data_and_runs_retention() {
    let url = temp_sqlite();
    let store = store::open(&url).await.unwrap();
    let app = app::App::new(
        store.clone(),
        Arc::new(app::SystemClock),
        "http://localhost",
    );
    let register = |given: &str, email: &str| PersonInput {
        given_name: given.into(),
        family_name: "Example".into(),
        email: email.into(),
        ..Default::default()
    };
    let admin = app
        .register(
            &register("Imran", "imran@example.org"),
            "a long enough password",
        )
        .await
        .unwrap();
    let vera = app
        .register(
            &register("Vera", "vera@example.org"),
            "a long enough password",
        )
        .await
        .unwrap();
    let input = OrganisationInput {
        name: "Hillside Hospice".into(),
        slug: "hillside".into(),
        sector: "voluntary".into(),
        kind: "hospice".into(),
        charity_number: "1123456".into(),
        postcode: "M1 1AE".into(),
        ..Default::default()
    };
    let org = app.create_organisation(&input, admin.id).await.unwrap();
    store
        .apply(vec![app::Write::InsertEngagement(
            domain::engagement::Engagement {
                id: domain::ids::EngagementId::new(),
                organisation_id: org.id,
                person_id: vera.id,
                status: domain::engagement::EngagementStatus::Enquiry,
                started_at: chrono::Utc::now(),
                leaving_reason: None,
                leaving_note: String::new(),
            },
        )])
        .await
        .unwrap();
    let zip = std::env::temp_dir().join(format!("alongside-sar-{}.zip", uuid::Uuid::now_v7()));
    let export = |person: &str, staff: &str| {
        alongside()
            .args([
                "privacy",
                "export",
                "--organisation",
                "hillside",
                "--staff-email",
                staff,
            ])
            .args(["--person-email", person, "--database-url", &url, "--to"])
            .arg(&zip)
            .output()
            .unwrap()
    };
    let out = export("nobody@example.org", "imran@example.org");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("--person-email: No one with that email address")
    );
    let out = export("vera@example.org", "vera@example.org");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("--staff-email: vera@example.org is not on the staff")
    );
    let out = export("Vera@Example.org", "imran@example.org");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("about Vera Example"));
    let bytes = std::fs::read(&zip).unwrap();
    assert!(bytes.starts_with(b"PK"), "a ZIP file");

    let retention = |extra: &[&str]| {
        alongside()
            .args(["privacy", "retention", "--organisation", "hillside"])
            .args(["--staff-email", "imran@example.org", "--database-url", &url])
            .args(extra)
            .output()
            .unwrap()
    };
    let dry = retention(&["--dry-run"]);
    assert!(dry.status.success());
    assert!(String::from_utf8_lossy(&dry.stdout).contains("Dry run: 0 reached"));
    let run = retention(&[]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(String::from_utf8_lossy(&run.stdout).contains("People who left: 0 erased"));
}
