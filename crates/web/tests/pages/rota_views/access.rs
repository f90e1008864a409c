//! The rota's CSV export (what it holds, formulas defused, audited) and who may reach each rota
//! page: another organisation's staff and volunteers find nothing; viewers only look.

use axum::http::StatusCode;
use chrono::Days;

use super::{Rota, add, book, count_shifts};
use crate::support::PASSWORD;

fn csv_rows(body: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn the_csv_export_lists_each_shift_with_names_defuses_formulas_and_is_audited() {
    let r = Rota::new().await;
    let (w, a) = (&r.w, &r.w.a);
    let formula = w
        .site
        .app
        .register(
            &domain::person::PersonInput {
                given_name: "=HYPERLINK(\"http://evil.example\")".into(),
                family_name: "Formula".into(),
                email: "formula@example.org".into(),
                date_of_birth: "1990-01-01".into(),
                ..Default::default()
            },
            PASSWORD,
        )
        .await
        .unwrap();
    let tuesday = r.monday + Days::new(1);
    let hacked = add(w, a, a.role, a.site, tuesday, ("14:00", "15:00"), (0, 1)).await;
    book(w, &hacked, &formula).await;

    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let next = r.monday + Days::new(7);
    let page = admin
        .get(&a.path(&format!("/rota.csv?from={}&to={next}", r.monday)))
        .await;
    page.assert_status(StatusCode::OK);
    assert_eq!(
        page.headers["content-type"].to_str().unwrap(),
        "text/csv; charset=utf-8"
    );
    assert_eq!(
        page.headers["content-disposition"].to_str().unwrap(),
        format!("attachment; filename=\"{}-rota-{}.csv\"", a.slug, r.monday)
    );
    let rows = csv_rows(&page.body);
    assert_eq!(
        rows[0],
        [
            "Date",
            "Start",
            "End",
            "Role",
            "Site",
            "Minimum",
            "Maximum",
            "Booked",
            "Under-filled",
            "Cancelled",
            "Volunteers"
        ]
    );
    assert_eq!(rows.len(), 5, "{rows:?}");
    assert_eq!(
        rows[1],
        [
            r.monday.to_string().as_str(),
            "10:00",
            "13:00",
            "trust mealtime companion",
            "trust General Hospital",
            "2",
            "4",
            "1",
            "yes",
            "no",
            a.volunteer.full_name().as_str(),
        ]
    );
    assert_eq!(rows[2][8..10], ["no", "no"]);
    assert_eq!(rows[2][10], "'=HYPERLINK(\"http://evil.example\") Formula");
    assert_eq!(rows[3][4], "Ward 9");
    assert_eq!(
        rows[4][8..10],
        ["no", "yes"],
        "cancelled, so not under-filled"
    );

    // Filters apply, and the export is in the audit log.
    let ward9 = admin
        .get(&a.path(&format!(
            "/rota.csv?from={}&to={next}&site={}",
            r.monday, r.ward9
        )))
        .await;
    assert_eq!(csv_rows(&ward9.body).len(), 2);
    let audit = w
        .site
        .app
        .store
        .audit_for(Some(a.id), a.id.0)
        .await
        .unwrap();
    let exports: Vec<_> = audit
        .iter()
        .filter(|e| e.action == "rota.exported")
        .collect();
    assert_eq!(exports.len(), 2);
    assert!(
        exports.iter().any(|e| e.detail.contains("4 shifts")),
        "{exports:?}"
    );

    let bad = admin.get(&a.path("/rota.csv?from=yesterday")).await;
    bad.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    let long = admin
        .get(&a.path(&format!("/rota.csv?from={}&to=2099-01-01", r.monday)))
        .await;
    long.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
}

/// Every rota page, and the two forms' posts, in A.
fn pages(r: &Rota) -> Vec<String> {
    [
        format!("/rota?week={}", r.monday),
        format!("/rota?week={}&print=1", r.monday),
        format!("/rota/day?date={}", r.monday),
        format!("/rota/day?date={}&print=1", r.monday),
        format!("/rota.csv?from={}", r.monday),
        "/today".to_owned(),
        "/rota/new".to_owned(),
        "/rota/template".to_owned(),
    ]
    .iter()
    .map(|p| r.path(p))
    .collect()
}

/// A valid shift, and a valid week's pattern, for A.
fn posts(r: &Rota) -> Vec<(String, Vec<(&'static str, String)>)> {
    let (role, site) = (r.w.a.role.to_string(), r.w.a.site.to_string());
    let date = (r.monday + Days::new(5)).to_string();
    let shift = vec![
        ("role_id", role.clone()),
        ("site_id", site.clone()),
        ("date", date.clone()),
        ("start_time", "10:00".to_owned()),
        ("end_time", "12:00".to_owned()),
        ("min_volunteers", "1".to_owned()),
        ("max_volunteers", "2".to_owned()),
        ("repeat", "none".to_owned()),
    ];
    let pattern = vec![
        ("site_id", site),
        ("from", date.clone()),
        ("until", date),
        ("row-1-weekday", "sat".to_owned()),
        ("row-1-role_id", role),
        ("row-1-start_time", "10:00".to_owned()),
        ("row-1-end_time", "12:00".to_owned()),
        ("row-1-min_volunteers", "1".to_owned()),
        ("row-1-max_volunteers", "2".to_owned()),
    ];
    vec![
        (r.path("/rota/new"), shift),
        (r.path("/rota/template"), pattern),
    ]
}

#[tokio::test]
async fn another_organisations_staff_and_volunteers_find_nothing_and_viewers_only_look() {
    let r = Rota::new().await;
    let w = &r.w;
    let before = count_shifts(w, r.monday).await;
    for email in [w.b.admin.email.as_str(), w.a.volunteer.email.as_str()] {
        let mut outsider = w.site.signed_in(email).await;
        for path in pages(&r) {
            let page = outsider.get(&path).await;
            page.assert_status(StatusCode::NOT_FOUND);
            page.assert_lacks(&w.a.volunteer.full_name());
        }
        for (path, fields) in posts(&r) {
            let borrowed: Vec<(&str, &str)> =
                fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            outsider
                .submit(&path, &borrowed)
                .await
                .assert_status(StatusCode::NOT_FOUND);
        }
    }
    // Signed out, every page asks you to sign in.
    let mut nobody = w.site.browser();
    for path in pages(&r) {
        assert!(nobody.get(&path).await.redirect().starts_with("/sign-in"));
    }

    let mut viewer = w.site.signed_in(w.a_viewer.email.as_str()).await;
    for path in &pages(&r)[..6] {
        viewer.get(path).await.assert_status(StatusCode::OK);
    }
    let week = viewer.get(&pages(&r)[0]).await;
    week.assert_lacks("/rota/new")
        .assert_lacks("/rota/template");
    for path in &pages(&r)[6..] {
        viewer.get(path).await.assert_status(StatusCode::FORBIDDEN);
    }
    for (path, fields) in posts(&r) {
        let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        viewer
            .submit(&path, &borrowed)
            .await
            .assert_status(StatusCode::FORBIDDEN);
    }
    assert_eq!(count_shifts(w, r.monday).await, before, "nothing saved");

    // The same posts from A's admin do save: the refusals above were about who asked.
    let mut admin = w.site.signed_in(w.a.admin.email.as_str()).await;
    for (path, fields) in posts(&r) {
        let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert!(admin.submit(&path, &borrowed).await.status.is_redirection());
    }
    assert_eq!(count_shifts(w, r.monday).await, before + 2);
}
