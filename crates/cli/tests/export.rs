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

#[tokio::test]
async fn every_kind_of_list_exports_in_both_formats_and_is_audited() {
    let db = temp_path("export-every.db");
    let url = sqlite_url(&db);
    let (app, admin, org) = wharfe_hospice(&url).await;
    let scope = app.authorise(admin.id, "wharfe").await.unwrap();
    // A volunteer taken on for a role, a shift in it, and Ada as the safeguarding lead: what
    // the lists about one volunteer, one shift and concerns need.
    let site = app
        .create_site(
            &scope,
            &SiteInput {
                name: "Day hospice".into(),
                kind: "community_hub".into(),
                postcode: "LS21 3HB".into(),
            },
        )
        .await
        .unwrap();
    let role = app
        .create_role(
            &scope,
            &domain::role::RoleInput {
                title: "Ward visitor".into(),
                summary: "Keep patients company".into(),
                description: "A friendly role.".into(),
                setting: "in_hospital".into(),
                activities: "Talking and listening".into(),
                site_ids: vec![site.id],
                time_commitment: "3 hours a week".into(),
                minimum_age: "16".into(),
                dbs_level: "none".into(),
                non_substitution_statement: "Volunteers keep patients company; nurses care.".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    app.publish_role(&scope, role.id).await.unwrap();
    let vera = app
        .register(
            &domain::person::PersonInput {
                given_name: "Vera".into(),
                family_name: "Volunteer".into(),
                email: "vera@example.org".into(),
                date_of_birth: "1990-01-02".into(),
                ..Default::default()
            },
            "a long enough password",
        )
        .await
        .unwrap();
    let applied = app
        .apply(
            vera.id,
            role.id,
            &domain::application::ApplicationInput {
                motivation: "I would like to help.".into(),
                availability: "Weekday mornings".into(),
            },
        )
        .await
        .unwrap();
    app.decide_application(
        &scope,
        applied.id,
        domain::application::ApplicationStatus::Accepted,
        "",
    )
    .await
    .unwrap();
    let shift = app
        .add_shift(
            &scope,
            role.id,
            site.id,
            &domain::rota::ShiftInput {
                date: (app.uk_today() + chrono::Days::new(7)).to_string(),
                start_time: "10:00".into(),
                end_time: "13:00".into(),
                min_volunteers: "1".into(),
                max_volunteers: "2".into(),
                notes: String::new(),
            },
        )
        .await
        .unwrap();
    app.set_safeguarding_leads(&scope, &[(admin.id, false)])
        .await
        .unwrap();

    for kind in web::exports::ExportKind::ALL {
        let code = kind.code();
        let filter = match code {
            "quality" => "table=experience".to_owned(),
            "commitments" => format!("volunteer={}", vera.id),
            "waiting-list" | "register" => format!("shift={}", shift.id),
            "checks" => format!("volunteer={}", vera.id),
            _ => String::new(),
        };
        // Concerns are only ever a safeguarding lead's, so the operator names one.
        let named: &[&str] = if code == "concerns" {
            &["--as", "ada@example.org"]
        } else {
            &[]
        };
        let run = |format: &str, output: Option<&std::path::Path>| {
            let mut command = alongside();
            command
                .args([
                    "export",
                    code,
                    "--organisation",
                    "wharfe",
                    "--format",
                    format,
                ])
                .args(["--filter", &filter])
                .args(named)
                .args(["--database-url", &url]);
            if let Some(path) = output {
                command.arg("--output").arg(path);
            }
            command.output().unwrap()
        };
        let out = run("csv", None);
        assert!(out.status.success(), "{code}: {}", stderr(&out));
        let csv = String::from_utf8(out.stdout).unwrap();
        assert!(
            csv.lines().next().is_some_and(|h| !h.is_empty()),
            "{code}: no headings in {csv:?}"
        );
        let file = temp_path(&format!("{code}.xlsx"));
        let out = run("xlsx", Some(&file));
        assert!(out.status.success(), "{code}: {}", stderr(&out));
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(Cursor::new(std::fs::read(&file).unwrap())).unwrap();
        let range = book.worksheet_range_at(0).unwrap().unwrap();
        assert_eq!(
            range.rows().next().map(|r| r.len()),
            csv.lines().next().map(|h| h.split(',').count()),
            "{code}: the same headings in both formats"
        );
        std::fs::remove_file(&file).ok();
    }
    // Concerns are never the operator's: the command says to name a staff member.
    let out = alongside()
        .args(["export", "concerns", "--organisation", "wharfe"])
        .args(["--database-url", &url])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("error: as:"), "{}", stderr(&out));
    // Every export is audited, under its kind (expense claims under their own name).
    let audit = app.store.audit_for(Some(org.id), org.id.0).await.unwrap();
    for kind in web::exports::ExportKind::ALL {
        let action = match kind.code() {
            "expenses" => "expense_claims.exported".to_owned(),
            code => format!("{code}.exported"),
        };
        assert!(
            audit.iter().any(|e| e.action == action),
            "{action}: {:?}",
            audit.iter().map(|e| &e.action).collect::<Vec<_>>()
        );
    }
}
