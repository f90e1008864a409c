//! Every manager list downloads as CSV and as Excel, the same way: Excel files read back with an
//! independent reader (calamine), permissions and supervisor limits as on the pages, and each
//! export audited.

use std::io::Cursor;

use axum::http::StatusCode;
use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;

use crate::support::{Org, Page, World};

pub(crate) const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The first sheet of an Excel download: its name and its rows of cells.
fn sheet(page: &Page) -> (String, Vec<Vec<Data>>) {
    page.assert_status(StatusCode::OK);
    assert_eq!(page.headers["content-type"], XLSX);
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(page.bytes.clone())).expect("an xlsx file");
    let name = book.sheet_names()[0].clone();
    let range = book
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("a readable sheet");
    (name, range.rows().map(<[Data]>::to_vec).collect())
}

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("expected text, found {other:?}"),
    }
}

/// Excel's serial number for a date (days since 30 December 1899).
fn serial(date: NaiveDate) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    (date - epoch).num_days() as f64
}

/// The rows of a CSV download, headings first.
pub(crate) fn csv_rows(page: &Page) -> Vec<Vec<String>> {
    page.assert_status(StatusCode::OK);
    assert_eq!(page.headers["content-type"], "text/csv; charset=utf-8");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(page.body.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// The actions in the network `slug`'s audit log.
pub(crate) async fn network_audit(w: &World, slug: &str) -> Vec<String> {
    let store = &w.site.app.store;
    let network = store.network_by_slug(slug).await.unwrap().unwrap();
    store
        .audit_for(None, network.id.0)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect()
}

/// The organisation's export audit entries (`<kind>.exported`).
pub(crate) async fn exported(w: &World, org: &Org) -> Vec<String> {
    w.site
        .app
        .store
        .audit_for(Some(org.id), org.id.0)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action.ends_with(".exported"))
        .map(|e| e.action)
        .collect()
}

#[tokio::test]
async fn the_volunteers_list_downloads_as_excel_with_the_csv_rows_and_real_dates() {
    let w = World::new().await;
    let a = &w.a;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let csv = csv_rows(&admin.get(&a.path("/volunteers.csv")).await);
    let page = admin.get(&a.path("/volunteers.xlsx")).await;
    assert_eq!(
        page.headers["content-disposition"],
        format!("attachment; filename=\"{}-volunteers.xlsx\"", a.slug).as_str()
    );
    assert_eq!(page.headers["cache-control"], "private, no-store");
    let (name, rows) = sheet(&page);
    assert_eq!(name, "Volunteers");
    assert_eq!(rows.len(), csv.len(), "the same rows as the CSV");
    let header: Vec<String> = rows[0].iter().map(text).collect();
    assert_eq!(header, csv[0]);
    let emails: Vec<String> = rows[1..].iter().map(|r| text(&r[3])).collect();
    assert!(
        emails.contains(&a.volunteer.email.to_string()),
        "{emails:?}"
    );
    // "Since" is a real date in Excel and ISO text in CSV, for the same day.
    for (x, c) in rows[1..].iter().zip(&csv[1..]) {
        assert_eq!(text(&x[3]), c[3]);
        let day = NaiveDate::parse_from_str(&c[7], "%Y-%m-%d").unwrap();
        match &x[7] {
            Data::DateTime(d) => assert_eq!(d.as_f64(), serial(day)),
            other => panic!("Since should be a date, found {other:?}"),
        }
    }
    // The filters apply to Excel as to CSV.
    let (_, applicants) = sheet(
        &admin
            .get(&a.path("/volunteers.xlsx?status=applicant"))
            .await,
    );
    assert!(applicants[1..].iter().all(|r| text(&r[6]) == "Applicant"));
    assert_eq!(
        applicants.len(),
        csv_rows(&admin.get(&a.path("/volunteers.csv?status=applicant")).await).len()
    );
    assert_eq!(
        exported(&w, a)
            .await
            .iter()
            .filter(|a| *a == "volunteers.exported")
            .count(),
        4
    );
}

#[tokio::test]
async fn text_in_excel_stays_text_so_nothing_runs_as_a_formula() {
    let w = World::new().await;
    let a = &w.a;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    admin
        .submit(
            &a.path("/sites/new"),
            &[
                ("name", "=HYPERLINK(\"http://evil.example\")"),
                ("kind", "hospital"),
                ("postcode", "LS2 9JT"),
            ],
        )
        .await
        .redirect();
    let (name, rows) = sheet(&admin.get(&a.path("/sites.xlsx")).await);
    assert_eq!(name, "Sites");
    assert_eq!(
        rows[0].iter().map(text).collect::<Vec<_>>(),
        ["Site", "Kind", "Postcode"]
    );
    assert!(
        rows.iter()
            .any(|r| r[0] == Data::String("=HYPERLINK(\"http://evil.example\")".into())),
        "stored as the string typed: {rows:?}"
    );
    let csv = csv_rows(&admin.get(&a.path("/sites.csv")).await);
    assert!(
        csv.iter()
            .any(|r| r[0] == "'=HYPERLINK(\"http://evil.example\")")
    );
}

#[tokio::test]
async fn each_list_downloads_in_both_formats_with_matching_rows_and_is_audited() {
    let w = World::new().await;
    let a = &w.a;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let lists = [
        ("applications", "Applications", "Applicant"),
        ("roles", "Roles", "Role"),
        ("sites", "Sites", "Site"),
        ("staff", "Staff", "Name"),
        ("onboarding", "Onboarding", "Volunteer"),
        ("expiring", "Expiring checks", "Name"),
        ("rota", "Rota", "Date"),
        ("hours", "Logged hours", "Volunteer"),
        ("hours/totals", "Hours by month", "Totals by"),
        ("attendance", "Missed shifts", "Volunteer"),
        ("expenses", "Expense claims", "Claimant"),
        ("service-users", "Service users and carers", "Given name"),
        ("referrals", "Referrals", "Person"),
        ("matches", "Matches", "Service user"),
    ];
    for (path, sheet_name, first) in lists {
        let csv = csv_rows(&admin.get(&a.path(&format!("/{path}.csv"))).await);
        assert_eq!(csv[0][0], first, "{path}");
        let (name, rows) = sheet(&admin.get(&a.path(&format!("/{path}.xlsx"))).await);
        assert_eq!(name, sheet_name, "{path}");
        assert_eq!(rows.len(), csv.len(), "{path}");
        assert_eq!(
            rows[0].iter().map(text).collect::<Vec<_>>(),
            csv[0],
            "{path}"
        );
    }
    let applications = csv_rows(
        &admin
            .get(&a.path("/applications.csv?status=submitted"))
            .await,
    );
    assert!(applications.len() > 1, "{applications:?}");
    assert!(applications[1..].iter().all(|r| r[2] == "Submitted"));
    let audited = exported(&w, a).await;
    for kind in [
        "applications",
        "roles",
        "sites",
        "staff",
        "onboarding",
        "expiring",
        "rota",
        "hours-logs",
        "hours",
        "no-shows",
        "expense_claims",
        "service-users",
        "referrals",
        "matches",
    ] {
        assert!(
            audited.contains(&format!("{kind}.exported")),
            "{kind} not audited: {audited:?}"
        );
    }
    // The list pages link both downloads.
    for (page, link) in [
        ("/roles", "roles.xlsx"),
        (
            "/applications?status=submitted",
            "applications.xlsx?status=submitted",
        ),
        ("/service-users", "service-users.xlsx"),
        ("/hours/totals", "hours/totals.xlsx?year="),
    ] {
        admin
            .get(&a.path(page))
            .await
            .assert_contains(link)
            .assert_contains("Download Excel")
            .assert_contains("Download CSV");
    }
}

#[tokio::test]
async fn downloads_follow_the_pages_permissions() {
    let w = World::new().await;
    let a = &w.a;
    // Another organisation's admin gets nothing, in either format.
    let mut b_admin = w.site.signed_in(w.b.admin.email.as_str()).await;
    for path in [
        "/volunteers.xlsx",
        "/roles.xlsx",
        "/staff.csv",
        "/rota.xlsx",
    ] {
        b_admin
            .get(&a.path(path))
            .await
            .assert_status(StatusCode::NOT_FOUND);
    }
    // A supervisor's volunteers are only those at their sites, in Excel as on the page.
    let mut supervisor = w.site.signed_in(w.a_supervisor.email.as_str()).await;
    let (_, rows) = sheet(&supervisor.get(&a.path("/volunteers.xlsx")).await);
    let emails: Vec<String> = rows[1..].iter().map(|r| text(&r[3])).collect();
    assert_eq!(emails, [a.volunteer.email.to_string()]);
    // Lists they may not see on a page they may not download.
    for path in ["/staff.xlsx", "/service-users.csv", "/expiring.xlsx"] {
        supervisor
            .get(&a.path(path))
            .await
            .assert_status(StatusCode::FORBIDDEN);
    }
    // Bad filters are named, never a 500.
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    for path in [
        "/expiring.xlsx?days=abc",
        "/rota.xlsx?from=32-13-2027",
        "/hours/totals.csv?year=1066",
        "/hours.xlsx?status=nonsense",
    ] {
        admin
            .get(&a.path(path))
            .await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    }
}

#[tokio::test]
async fn the_catalogue_network_feedback_activity_and_quality_lists_download_too() {
    let w = World::new().await;
    let a = &w.a;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let lists = [
        ("catalogue", "Checks and training", "Name"),
        ("agreements", "Agreements", "Agreement"),
        ("networks", "Networks", "Network"),
        ("network-referrals", "Referrals between members", "Referred"),
        ("feedback", "Feedback links", "Link"),
        ("activity", "Activity", "Day"),
        ("quality", "", "Theme"),
    ];
    for (path, sheet_name, first) in lists {
        let query = if path == "quality" {
            "?table=experience"
        } else {
            ""
        };
        let csv = csv_rows(&admin.get(&a.path(&format!("/{path}.csv{query}"))).await);
        assert_eq!(csv[0][0], first, "{path}");
        let (name, rows) = sheet(&admin.get(&a.path(&format!("/{path}.xlsx{query}"))).await);
        if !sheet_name.is_empty() {
            assert_eq!(name, sheet_name, "{path}");
        }
        assert_eq!(rows.len(), csv.len(), "{path}");
        assert_eq!(
            rows[0].iter().map(text).collect::<Vec<_>>(),
            csv[0],
            "{path}"
        );
    }
    // The catalogue holds the standard checks, in the page's words.
    let catalogue = csv_rows(&admin.get(&a.path("/catalogue.csv")).await);
    assert!(catalogue.len() > 5, "{catalogue:?}");
    assert!(
        catalogue[1..].iter().any(|r| r[4] == "Built in"),
        "{catalogue:?}"
    );
    // The quality report's table keeps its period in the file name.
    let page = admin
        .get(&a.path("/quality.xlsx?table=experience&from=2026-01-01&to=2026-12-31"))
        .await;
    assert_eq!(
        page.headers["content-disposition"],
        format!(
            "attachment; filename=\"{}-quality-experience-2026-01-01-to-2026-12-31.xlsx\"",
            a.slug
        )
        .as_str()
    );
    let audited = exported(&w, a).await;
    for kind in [
        "catalogue",
        "agreements",
        "networks",
        "network-referrals",
        "feedback-links",
        "activity",
        "quality",
    ] {
        assert!(
            audited.contains(&format!("{kind}.exported")),
            "{kind} not audited: {audited:?}"
        );
    }
    // Each page links both downloads.
    for (page, link) in [
        ("/catalogue", "catalogue.xlsx"),
        ("/network-referrals", "network-referrals.xlsx"),
        ("/feedback", "feedback.xlsx"),
        ("/activity", "activity.xlsx"),
        ("/quality", "quality.xlsx?from="),
    ] {
        admin
            .get(&a.path(page))
            .await
            .assert_contains(link)
            .assert_contains("Download Excel")
            .assert_contains("Download CSV");
    }
    // Bad filters are named, never a 500; another organisation's admin gets nothing.
    for path in [
        "/quality.xlsx?table=nonsense",
        "/quality.csv",
        "/activity.csv?from=yesterday",
    ] {
        admin
            .get(&a.path(path))
            .await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    }
    let mut b_admin = w.site.signed_in(w.b.admin.email.as_str()).await;
    for path in [
        "/catalogue.xlsx",
        "/agreements.csv",
        "/networks.xlsx",
        "/network-referrals.csv",
        "/feedback.xlsx",
        "/activity.csv",
        "/quality.xlsx?table=experience",
    ] {
        b_admin
            .get(&a.path(path))
            .await
            .assert_status(StatusCode::NOT_FOUND);
    }
}
