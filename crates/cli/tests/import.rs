//! `alongside import` as an operator runs it, on both databases, with files shaped like real
//! exports: Windows-1252 with `;` and CRLF, UTF-8 with a byte-order mark, a quoted field holding
//! a newline, UK and written-out dates, Excel serial numbers, and an `.xlsx` workbook.

// The tests fail by panicking, outside `#[test]` functions too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Output;

use domain::role::RoleInput;

mod common;

use common::{alongside, new_postgres_database, wharfe_hospice};

/// A fresh SQLite file and a fresh PostgreSQL database.
fn databases() -> Vec<String> {
    let sqlite = std::env::temp_dir().join(format!("alongside-import-{}.db", uuid::Uuid::now_v7()));
    vec![
        format!("sqlite://{}", sqlite.display()),
        new_postgres_database(),
    ]
}

/// An organisation `wharfe` with a "Ward visitor" role, and the app on the same database.
async fn set_up(url: &str) -> app::App {
    let (app, _, _) = wharfe_hospice(url).await;
    let scope = app.operator_scope("wharfe").await.unwrap();
    let role = RoleInput {
        title: "Ward visitor".into(),
        summary: "Keep patients company".into(),
        setting: "in_hospital".into(),
        minimum_age: "16".into(),
        dbs_level: "none".into(),
        non_substitution_statement: "Volunteers add to the care staff give; they never replace it."
            .into(),
        ..Default::default()
    };
    let role = app.create_role(&scope, &role).await.unwrap();
    app.publish_role(&scope, role.id).await.unwrap();
    app
}

fn file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("alongside-import-files-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn import(url: &str, kind: &str, path: &PathBuf, extra: &[&str]) -> Output {
    alongside()
        .args(["import", kind])
        .arg(path)
        .args(["--organisation", "wharfe", "--database-url", url])
        .args(extra)
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Windows-1252 (é as one byte), `;` between fields, CRLF, an access need on two lines, UK
/// dates and an Excel serial number, with another system's headers.
fn legacy_export() -> Vec<u8> {
    let mut bytes =
        b"Forename;Surname;E-mail;DOB;Post Code;Status;Volunteer role;Access needs\r\n".to_vec();
    bytes.extend_from_slice(b"Ren\xE9e;O'Brien;RENEE@example.org;05/03/1990;ls1 3ex;Active;Ward visitor;\"Step-free access\r\nHearing loop\"\r\n");
    bytes.extend_from_slice(b"Tom;Jones;tom@example.org;32937;;Onboarding;Ward visitor;\r\n");
    bytes.extend_from_slice(b";;;;;;;\r\n");
    bytes.extend_from_slice(b"Ama;Mensah;ama@example.org;1 April 1985;LS6 2AB;left;;\r\n");
    bytes
}

#[tokio::test]
async fn real_world_files_import_once_on_both_databases() {
    for url in databases() {
        let app = set_up(&url).await;
        let legacy = file("legacy.csv", &legacy_export());
        let out = import(&url, "people", &legacy, &[]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
        let said = text(&out);
        assert!(
            said.contains("email = E-mail") && said.contains("date_of_birth = DOB"),
            "{said}"
        );
        assert!(
            said.contains("Imported 3 of 3 rows: 3 new people."),
            "{said}"
        );

        let (renee, _) = app
            .store
            .person_by_email("renee@example.org")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(renee.given_name, "Renée");
        assert_eq!(
            renee.date_of_birth,
            chrono::NaiveDate::from_ymd_opt(1990, 3, 5)
        );
        assert_eq!(
            renee.accessibility_needs,
            "Step-free access\r\nHearing loop"
        );
        assert_eq!(renee.postcode.unwrap().to_string(), "LS1 3EX");
        let (tom, _) = app
            .store
            .person_by_email("tom@example.org")
            .await
            .unwrap()
            .unwrap();
        // Excel's serial 32937 is 5 March 1990.
        assert_eq!(
            tom.date_of_birth,
            chrono::NaiveDate::from_ymd_opt(1990, 3, 5)
        );
        let scope = app.operator_scope("wharfe").await.unwrap();
        let org = scope.organisation_id();
        let e = app.store.engagement_of(org, tom.id).await.unwrap().unwrap();
        assert_eq!(e.status, domain::engagement::EngagementStatus::Onboarding);
        assert_eq!(
            app.store.placements_of(org, renee.id).await.unwrap().len(),
            1
        );
        let people = app.store.count_people().await.unwrap();

        // The same file again matches everyone and adds nobody.
        let out = import(&url, "people", &legacy, &[]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
        let said = text(&out);
        assert!(
            said.contains(
                "Row 2: matched Renée O'Brien by the same email address; kept their existing record"
            ),
            "{said}"
        );
        assert!(
            said.contains("0 new people, 3 matched records already held"),
            "{said}"
        );
        assert_eq!(app.store.count_people().await.unwrap(), people);

        // UTF-8 with a byte-order mark, commas, one full-name column and written dates: Tom
        // again under another email is matched by name and date of birth.
        let bom = file(
            "bom.csv",
            "\u{feff}Full name,Email address,Date of Birth\nTom Jones,tom.jones@work.example.org,5 March 1990\nZoë Smith,zoe@example.org,1990-12-31\n"
                .as_bytes(),
        );
        let out = import(&url, "people", &bom, &[]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
        let said = text(&out);
        assert!(
            said.contains("matched Tom Jones by the same name and date of birth"),
            "{said}"
        );
        let (zoe, _) = app
            .store
            .person_by_email("zoe@example.org")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (zoe.given_name.as_str(), zoe.family_name.as_str()),
            ("Zoë", "Smith")
        );
        assert!(
            app.store
                .person_by_email("tom.jones@work.example.org")
                .await
                .unwrap()
                .is_none()
        );

        // An Excel workbook, with a date cell and a plain number for the date of birth.
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
        for (c, h) in ["First name", "Last name", "Email", "Date of birth", "Phone"]
            .iter()
            .enumerate()
        {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        sheet.write_string(1, 0, "Priya").unwrap();
        sheet.write_string(1, 1, "Shah").unwrap();
        sheet.write_string(1, 2, "priya@example.org").unwrap();
        sheet.write_with_format(1, 3, 45356.0, &date).unwrap();
        sheet.write_string(1, 4, "07700 900123").unwrap();
        sheet.write_string(2, 0, "Olu").unwrap();
        sheet.write_string(2, 1, "Ade").unwrap();
        sheet.write_string(2, 2, "olu@example.org").unwrap();
        sheet.write_number(2, 3, 30000.0).unwrap();
        let xlsx = file("people.xlsx", &book.save_to_buffer().unwrap());
        let out = import(&url, "people", &xlsx, &[]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
        let (priya, _) = app
            .store
            .person_by_email("priya@example.org")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            priya.date_of_birth,
            chrono::NaiveDate::from_ymd_opt(2024, 3, 5)
        );
        let (olu, _) = app
            .store
            .person_by_email("olu@example.org")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            olu.date_of_birth,
            chrono::NaiveDate::from_ymd_opt(1982, 2, 18)
        );
    }
}

#[tokio::test]
async fn one_bad_row_imports_nothing_unless_skipping_invalid_rows() {
    for url in databases() {
        let app = set_up(&url).await;
        let people = app.store.count_people().await.unwrap();
        let csv = file(
            "bad.csv",
            b"First name,Last name,Email,DOB,Role\nAsha,Patel,asha@example.org,05/03/1990,\nBen,Okafor,not an email,31/02/1990,Porter\nCara,Lee,cara@example.org,,\n",
        );
        let report = csv.with_extension("report.csv");
        let out = import(
            &url,
            "people",
            &csv,
            &["--report", report.to_str().unwrap()],
        );
        assert_eq!(out.status.code(), Some(1), "{}", text(&out));
        let said = text(&out);
        assert!(
            said.contains("Row 3, column \"DOB\": Date of birth \"31/02/1990\" is not a real date"),
            "{said}"
        );
        assert!(
            said.contains("Row 3, column \"Role\": There is no role called \"Porter\""),
            "{said}"
        );
        assert!(
            said.contains("Nothing was imported: 1 of 3 rows have problems"),
            "{said}"
        );
        assert_eq!(app.store.count_people().await.unwrap(), people);
        let written = std::fs::read_to_string(&report).unwrap();
        assert!(
            written.starts_with("Row,Column,Problem\n3,DOB,"),
            "{written}"
        );

        // A dry run saves nothing either.
        let out = import(&url, "people", &csv, &["--dry-run", "--skip-invalid"]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out));
        assert_eq!(app.store.count_people().await.unwrap(), people);

        // Skipping invalid rows imports the two good ones and says the import was partial.
        let out = import(&url, "people", &csv, &["--skip-invalid"]);
        assert_eq!(out.status.code(), Some(3), "{}", text(&out));
        assert!(
            text(&out).contains("Imported 2 of 3 rows"),
            "{}",
            text(&out)
        );
        assert_eq!(app.store.count_people().await.unwrap(), people + 2);

        // A file or mapping that cannot be used at all.
        let out = import(&url, "people", &file("empty.csv", b""), &[]);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out));
        let mapping = file("mapping.txt", b"email = Email\nshoe_size = Shoes\n");
        let out = import(
            &url,
            "people",
            &csv,
            &["--mapping", mapping.to_str().unwrap()],
        );
        assert_eq!(out.status.code(), Some(2), "{}", text(&out));
        assert!(
            text(&out).contains("people imports have no field \"shoe_size\""),
            "{}",
            text(&out)
        );
        let out = import(&url, "volunteers", &csv, &[]);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out));
        let out = alongside()
            .args(["import", "people"])
            .arg(&csv)
            .args(["--organisation", "nowhere", "--database-url", &url])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    }
}

#[tokio::test]
async fn sites_roles_records_hours_service_users_and_carers_import() {
    for url in databases() {
        let app = set_up(&url).await;
        let run = |kind: &str, name: &str, body: &str| {
            let out = import(&url, kind, &file(name, body.as_bytes()), &[]);
            assert_eq!(out.status.code(), Some(0), "{kind}: {}", text(&out));
            text(&out)
        };
        run(
            "sites",
            "sites.csv",
            "Site name,Type,Postcode\nWard 7,Hospital,LS1 3EX\nPhone befriending,remote or virtual,\n",
        );
        let said = run(
            "sites",
            "sites.csv",
            "Site name,Type,Postcode\nWard 7,Hospital,LS1 3EX\n",
        );
        assert!(said.contains("matched Ward 7 by the same name"), "{said}");
        run(
            "roles",
            "roles.csv",
            "Title,Summary,Setting,Minimum age,DBS level,Sites,Requirements\nBefriender,Visit people at home,in_hospital,18,none,Ward 7,\n",
        );
        run(
            "people",
            "people.csv",
            "First name,Last name,Email,Role\nAsha,Patel,asha@example.org,Ward visitor\n",
        );
        let scope = app.operator_scope("wharfe").await.unwrap();
        let catalogue = app.catalogue(&scope).await.unwrap();
        let training = catalogue
            .iter()
            .find(|t| t.kind == domain::compliance::CheckKind::Training)
            .unwrap();
        let said = run(
            "training",
            "training.csv",
            &format!(
                "Email,Course,Completed\nasha@example.org,{},01/02/2026\n",
                training.code
            ),
        );
        assert!(said.contains("1 new training records"), "{said}");
        run(
            "hours",
            "hours.csv",
            "Email,Role,Date,Hours,Description\nasha@example.org,Ward visitor,02/02/2026,3,Ward visits\n",
        );
        run(
            "service-users",
            "clients.csv",
            "First name,Surname,DOB,Consent to support,Consent to data,Consent method\nEdna,Brown,01/01/1935,01/01/2026,01/01/2026,written\n",
        );
        run(
            "carers",
            "carers.csv",
            "First name,Surname,Cares for,Relationship\nJoan,Brown,Edna Brown,Son or daughter\n",
        );
        let people = app.supported_people(&scope).await.unwrap();
        assert_eq!(people.len(), 2);
        let roles = app.roles(&scope).await.unwrap();
        assert!(roles.iter().any(|r| r.title == "Befriender"));
        let sites = app.sites(&scope).await.unwrap();
        assert_eq!(sites.len(), 2);
        // A carer for someone not on record is named by row and column.
        let out = import(
            &url,
            "carers",
            &file("c.csv", b"First name,Surname,Cares for\nX,Y,Nobody Here\n"),
            &[],
        );
        assert_eq!(out.status.code(), Some(1), "{}", text(&out));
        assert!(
            text(&out).contains("Row 2, column \"Cares for\": Nobody called \"Nobody Here\""),
            "{}",
            text(&out)
        );
    }
}
