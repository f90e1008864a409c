//! The CSV export: it follows the list's filters and defuses formulas.

use axum::http::StatusCode;
use domain::application::ApplicationStatus;

use crate::support::{PASSWORD, Page, World};

fn csv_rows(page: &Page) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(page.body.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

#[tokio::test]
async fn the_csv_export_follows_the_filters_and_defuses_formulas() {
    let w = World::new().await;
    let a = &w.a;
    let formula = w
        .site
        .app
        .register(
            &domain::person::PersonInput {
                given_name: "=HYPERLINK(\"http://evil.example\")".into(),
                family_name: "+Formula".into(),
                preferred_name: "@sum".into(),
                email: "formula@example.org".into(),
                date_of_birth: "1990-01-01".into(),
                ..Default::default()
            },
            PASSWORD,
        )
        .await
        .unwrap();
    w.site.apply(&formula, a.role).await;
    let scope = w.site.scope(&a.admin, &a.slug).await;
    w.site
        .app
        .decide_application(&scope, a.application, ApplicationStatus::Accepted, "")
        .await
        .unwrap();

    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let page = admin.get(&a.path("/volunteers.csv")).await;
    page.assert_status(StatusCode::OK);
    assert_eq!(
        page.headers["content-type"].to_str().unwrap(),
        "text/csv; charset=utf-8"
    );
    assert_eq!(
        page.headers["content-disposition"].to_str().unwrap(),
        format!("attachment; filename=\"{}-volunteers.csv\"", a.slug)
    );
    let (header, rows) = csv_rows(&page);
    assert_eq!(
        header,
        [
            "Given name",
            "Family name",
            "Preferred name",
            "Email",
            "Phone",
            "Postcode",
            "Status",
            "Since",
            "Roles applied for"
        ]
    );
    assert_eq!(rows.len(), 3, "{rows:?}");
    let row = rows
        .iter()
        .find(|r| r[3] == "formula@example.org")
        .expect("the formula row");
    assert_eq!(row[0], "'=HYPERLINK(\"http://evil.example\")");
    assert_eq!(row[1], "'+Formula");
    assert_eq!(row[2], "'@sum");
    assert_eq!(row[6], "Applicant");
    assert_eq!(row[8], "trust mealtime companion");
    for row in &rows {
        assert_eq!(row.len(), 9);
        assert!(
            !row.iter()
                .any(|cell| cell.starts_with(['=', '+', '-', '@'])),
            "{row:?}"
        );
    }

    let emails = |page: &Page| -> Vec<String> {
        let mut e: Vec<String> = csv_rows(page).1.into_iter().map(|r| r[3].clone()).collect();
        e.sort();
        e
    };
    let applicants = admin.get(&a.path("/volunteers.csv?status=applicant")).await;
    assert_eq!(
        emails(&applicants),
        ["formula@example.org", "walt@trust.example.org"]
    );
    let onboarding = admin
        .get(&a.path("/volunteers.csv?status=onboarding"))
        .await;
    assert_eq!(emails(&onboarding), [a.volunteer.email.to_string()]);
    assert_eq!(csv_rows(&onboarding).1[0][6], "Onboarding");
    let by_role = admin
        .get(&a.path(&format!("/volunteers.csv?role={}", w.a_role2)))
        .await;
    assert_eq!(emails(&by_role), ["walt@trust.example.org"]);
    let by_name = admin.get(&a.path("/volunteers.csv?q=formula")).await;
    assert_eq!(emails(&by_name), ["formula@example.org"]);
    // The list page's download link carries its filters.
    admin
        .get(&a.path("/volunteers?status=applicant&q=walt"))
        .await
        .assert_contains("volunteers.csv?q=walt&#38;status=applicant&#38;role=&#38;page=1");
}
