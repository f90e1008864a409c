//! `alongside export` from the command line: a list as CSV to standard output or as Excel to a
//! file, as the operator or a named staff member, audited; every list kind, including the
//! catalogue, network, feedback, activity and quality lists; bad arguments named with exit 2.

// Test bodies fail by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use domain::audit::{Actor, AuditEntry};
use domain::site::SiteInput;

mod common;

use common::{alongside, sqlite_url, stderr, temp_path, wharfe_hospice};

#[tokio::test]
async fn export_writes_a_list_as_csv_or_excel_audited_and_names_bad_arguments() {
    let db = temp_path("export.db");
    let url = sqlite_url(&db);
    let (app, admin, org) = wharfe_hospice(&url).await;
    let scope = app.authorise(admin.id, "wharfe").await.unwrap();
    for name in ["Day hospice", "=Ward 2"] {
        app.create_site(
            &scope,
            &SiteInput {
                name: name.into(),
                kind: "community_hub".into(),
                postcode: "LS21 3HB".into(),
            },
        )
        .await
        .unwrap();
    }

    // CSV to standard output, as the operator.
    let out = alongside()
        .args([
            "export",
            "sites",
            "--organisation",
            "wharfe",
            "--database-url",
            &url,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "Site,Kind,Postcode");
    assert!(
        lines.contains(&"Day hospice,Community hub,LS21 3HB"),
        "{csv}"
    );
    assert!(lines.contains(&"'=Ward 2,Community hub,LS21 3HB"), "{csv}");
    assert_eq!(lines.len(), 3, "{csv}");

    // Excel to a file, as a named staff member.
    let file = temp_path("sites.xlsx");
    let out = alongside()
        .args([
            "export",
            "sites",
            "--organisation",
            "wharfe",
            "--format",
            "xlsx",
        ])
        .args(["--as", "ada@example.org", "--output"])
        .arg(&file)
        .args(["--database-url", &url])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("Wrote 2 rows of sites"));
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(std::fs::read(&file).unwrap())).unwrap();
    let rows: Vec<Vec<Data>> = book
        .worksheet_range("Sites")
        .unwrap()
        .rows()
        .map(<[Data]>::to_vec)
        .collect();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().any(|r| r[0] == Data::String("=Ward 2".into())));

    // Both exports are audited: the operator's as Alongside itself, the other as Ada.
    let audit = app.store.audit_for(Some(org.id), org.id.0).await.unwrap();
    let exports: Vec<&AuditEntry> = audit
        .iter()
        .filter(|e| e.action == "sites.exported")
        .collect();
    assert_eq!(exports.len(), 2, "{audit:?}");
    assert!(exports.iter().any(|e| e.actor == Actor::System));
    assert!(
        exports
            .iter()
            .any(|e| e.actor.person_id() == Some(admin.id))
    );

    // Bad arguments: one line naming what was wrong, and exit code 2.
    for (args, says) in [
        (
            vec!["export", "people", "--organisation", "wharfe"],
            "error: kind:",
        ),
        (
            vec![
                "export",
                "sites",
                "--organisation",
                "wharfe",
                "--format",
                "pdf",
            ],
            "error: format:",
        ),
        (
            vec!["export", "sites", "--organisation", "nowhere"],
            "error: organisation:",
        ),
        (
            vec![
                "export",
                "sites",
                "--organisation",
                "wharfe",
                "--as",
                "nobody@example.org",
            ],
            "error: as:",
        ),
        (
            vec![
                "export",
                "expiring",
                "--organisation",
                "wharfe",
                "--filter",
                "days=abc",
            ],
            "error: days:",
        ),
    ] {
        let out = alongside()
            .args(&args)
            .args(["--database-url", &url])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
}

#[tokio::test]
async fn export_covers_the_catalogue_network_feedback_activity_and_quality_lists() {
    let db = temp_path("export-more.db");
    let url = sqlite_url(&db);
    let (app, _, org) = wharfe_hospice(&url).await;
    let export = |args: &[&str]| {
        alongside()
            .arg("export")
            .args(args)
            .args(["--organisation", "wharfe", "--database-url", &url])
            .output()
            .unwrap()
    };
    // The seeded catalogue, as the page lists it.
    let out = export(&["catalogue"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "Name,Kind,Framework,How long it lasts,Source");
    assert!(
        lines.len() > 5 && lines[1..].iter().all(|l| l.ends_with(",Built in")),
        "{csv}"
    );
    // Lists with nothing in them yet still download with their headings.
    for (kind, heading) in [
        ("agreements", "Agreement,Organisations,State,Proposed,Ended"),
        ("networks", "Network,Kind,Address,Contact email,Set up"),
        (
            "network-referrals",
            "Referred,Volunteer,From,To,Role or support,On,Outcome",
        ),
        (
            "feedback-links",
            "Link,Who answers,About,Address,Taking feedback,Made",
        ),
        (
            "activity",
            "Day,Volunteer,Role,What they did,How many,Unit,Note,Logged by,Logged on",
        ),
    ] {
        let out = export(&[kind]);
        assert!(out.status.success(), "{kind}: {}", stderr(&out));
        assert_eq!(
            String::from_utf8(out.stdout).unwrap().lines().next(),
            Some(heading)
        );
    }
    // A table of the quality report, as Excel.
    let file = temp_path("quality.xlsx");
    let out = alongside()
        .args([
            "export",
            "quality",
            "--organisation",
            "wharfe",
            "--format",
            "xlsx",
        ])
        .args([
            "--filter",
            "table=experience&from=2026-01-01&to=2026-12-31",
            "--output",
        ])
        .arg(&file)
        .args(["--database-url", &url])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(std::fs::read(&file).unwrap())).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    assert_eq!(
        range.rows().next().unwrap()[0],
        Data::String("Theme".into())
    );
    // Every export is audited.
    let audit = app.store.audit_for(Some(org.id), org.id.0).await.unwrap();
    for kind in [
        "catalogue",
        "agreements",
        "feedback-links",
        "activity",
        "quality",
    ] {
        assert!(
            audit.iter().any(|e| e.action == format!("{kind}.exported")),
            "{kind}: {audit:?}"
        );
    }
    // A quality export must name its table; a bad period is named too.
    for (args, says) in [
        (vec!["quality"], "error: table:"),
        (
            vec!["quality", "--filter", "table=nonsense"],
            "error: table:",
        ),
        (
            vec!["activity", "--filter", "from=yesterday"],
            "error: from:",
        ),
    ] {
        let out = export(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
}
