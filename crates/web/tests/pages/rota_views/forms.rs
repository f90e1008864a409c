//! Adding shifts from the rota: one shift, a weekly series, and a week's pattern for a site,
//! with errors named by field (and by row) and nothing saved when anything is wrong.

use axum::http::StatusCode;
use chrono::Days;

use super::{Rota, count_shifts};

#[tokio::test]
async fn one_shift_or_a_weekly_series_is_added_and_bad_input_saves_nothing() {
    let r = Rota::new().await;
    let a = &r.w.a;
    let mut admin = r.w.site.signed_in(a.admin.email.as_str()).await;
    let form = admin.get(&a.path("/rota/new")).await;
    form.assert_status(StatusCode::OK);
    form.assert_contains(r#"id="role_id""#)
        .assert_contains(r#"id="weekdays""#);
    let before = count_shifts(&r.w, r.monday).await;
    let (role, site) = (a.role.to_string(), a.site.to_string());
    let tuesday = (r.monday + Days::new(1)).to_string();

    let bad = admin
        .submit(
            &a.path("/rota/new"),
            &[
                ("role_id", ""),
                ("site_id", &site),
                ("date", "31 2 2027"),
                ("start_time", ""),
                ("end_time", "10:00"),
                ("min_volunteers", "-1"),
                ("max_volunteers", "0"),
                ("repeat", "none"),
            ],
        )
        .await;
    bad.assert_errors(&[
        "role_id",
        "date",
        "start_time",
        "min_volunteers",
        "max_volunteers",
    ]);
    bad.assert_contains("The maximum number of volunteers must be between 1 and 500");
    // What was typed comes back.
    bad.assert_contains(r#"value="31 2 2027""#);

    let shift = |repeat: &'static str| {
        vec![
            ("role_id", role.clone()),
            ("site_id", site.clone()),
            ("date", tuesday.clone()),
            ("start_time", "22:00".to_owned()),
            ("end_time", "6am".to_owned()),
            ("min_volunteers", "1".to_owned()),
            ("max_volunteers", "2".to_owned()),
            ("repeat", repeat.to_owned()),
        ]
    };
    let fields = |v: &[(&'static str, String)]| -> Vec<(&'static str, String)> { v.to_vec() };
    let mut malformed = fields(&shift("weekly"));
    malformed.extend([
        ("until", "2030-01-01".to_owned()),
        ("count", "3".to_owned()),
    ]);
    let borrowed: Vec<(&str, &str)> = malformed.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let bad_rule = admin.submit(&a.path("/rota/new"), &borrowed).await;
    bad_rule.assert_errors(&["weekdays", "count"]);
    assert_eq!(count_shifts(&r.w, r.monday).await, before, "nothing saved");

    // An end before the start is an overnight shift.
    let once = shift("none");
    let borrowed: Vec<(&str, &str)> = once.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let added = admin.submit(&a.path("/rota/new"), &borrowed).await;
    assert_eq!(
        added.redirect(),
        a.path(&format!("/rota?week={tuesday}&added=1"))
    );
    assert_eq!(count_shifts(&r.w, r.monday).await, before + 1);
    let week = admin.get(added.redirect()).await;
    week.assert_contains("1 shift added.")
        .assert_contains("22:00 to 06:00");

    let mut series = shift("weekly");
    series.extend([
        ("weekdays", "tue".to_owned()),
        ("weekdays", "thu".to_owned()),
        ("interval_weeks", "1".to_owned()),
        ("count", "4".to_owned()),
    ]);
    let borrowed: Vec<(&str, &str)> = series.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let added = admin.submit(&a.path("/rota/new"), &borrowed).await;
    assert!(
        added.redirect().ends_with("&added=4"),
        "{}",
        added.redirect()
    );
    assert_eq!(count_shifts(&r.w, r.monday).await, before + 5);
}

/// A week's pattern form: site, dates and rows, each row `(day, role, start, end, min, max)`.
fn pattern(site: &str, from: &str, until: &str, rows: &[[&str; 6]]) -> Vec<(String, String)> {
    let mut fields = vec![
        ("site_id".to_owned(), site.to_owned()),
        ("from".to_owned(), from.to_owned()),
        ("until".to_owned(), until.to_owned()),
    ];
    let names = [
        "weekday",
        "role_id",
        "start_time",
        "end_time",
        "min_volunteers",
        "max_volunteers",
    ];
    for (i, row) in rows.iter().enumerate() {
        for (name, value) in names.iter().zip(row) {
            fields.push((format!("row-{}-{name}", i + 1), (*value).to_owned()));
        }
    }
    fields
}

#[tokio::test]
async fn a_week_pattern_adds_every_shift_or_names_the_bad_row_and_adds_none() {
    let r = Rota::new().await;
    let a = &r.w.a;
    let mut admin = r.w.site.signed_in(a.admin.email.as_str()).await;
    let form = admin.get(&a.path("/rota/template")).await;
    form.assert_status(StatusCode::OK);
    form.assert_contains(r#"id="row-10-max_volunteers""#);
    let before = count_shifts(&r.w, r.monday).await;
    let (role, site) = (a.role.to_string(), a.site.to_string());
    let other_role = r.w.b.role.to_string();
    let from = r.monday.to_string();
    let until = (r.monday + Days::new(13)).to_string();
    let blank = [""; 6];
    let send = |fields: Vec<(String, String)>| {
        let mut admin = admin.clone();
        let path = a.path("/rota/template");
        async move {
            let borrowed: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            admin.submit(&path, &borrowed).await
        }
    };

    let bad = send(pattern(
        &site,
        &from,
        &until,
        &[
            ["mon", &role, "10:00", "13:00", "1", "3"],
            blank,
            ["thu", &role, "25:00", "13:00", "1", "3"],
            ["fri", &other_role, "10:00", "13:00", "1", "3"],
        ],
    ))
    .await;
    bad.assert_errors(&["row-3-start_time"]);
    bad.assert_contains("Row 3: Enter the start time as a real time");
    assert_eq!(count_shifts(&r.w, r.monday).await, before, "nothing saved");

    let foreign = send(pattern(
        &site,
        &from,
        &until,
        &[["fri", &other_role, "10:00", "13:00", "1", "3"]],
    ))
    .await;
    foreign.assert_errors(&["row-1-role_id"]);
    foreign.assert_contains("Row 1: Select a role from this organisation&#39;s list");
    assert_eq!(count_shifts(&r.w, r.monday).await, before, "nothing saved");

    let good = send(pattern(
        &site,
        &from,
        &until,
        &[
            ["mon", &role, "07:00", "09:00", "1", "3"],
            blank,
            ["sat", &r.ward9_role.to_string(), "14:00", "16:00", "0", "2"],
        ],
    ))
    .await;
    assert_eq!(
        good.redirect(),
        a.path(&format!("/rota?week={from}&site={site}&added=4"))
    );
    assert_eq!(count_shifts(&r.w, r.monday).await, before + 4);
    let week = admin.get(good.redirect()).await;
    week.assert_contains("4 shifts added.");
    let hospital = week
        .row(r#"<th scope="row">trust General Hospital</th>"#)
        .unwrap();
    assert!(hospital.contains("07:00 to 09:00") && hospital.contains("14:00 to 16:00"));
    assert!(hospital.contains("Ward 9 helper"));
}
