//! A volunteer downloads their own regular slots, waiting lists, learning record, the people
//! they support and the activity they logged, as CSV and as Excel, from the pages that list
//! them: each file holds only their own records, names the supported person only as the page
//! does, is audited, and nobody signed out gets one.

use axum::http::StatusCode;
use chrono::{Duration, Utc};
use domain::person::Person;
use domain::rota::ShiftInput;

use crate::list_downloads::{XLSX, csv_rows};
use crate::support::{Browser, TestSite, World};

/// The person's own-download audit entries (`my_<list>.exported`).
async fn own_exports(site: &TestSite, person: &Person) -> Vec<String> {
    site.app
        .store
        .audit_for(None, person.id.0)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action.starts_with("my_") && e.action.ends_with(".exported"))
        .map(|e| e.action)
        .collect()
}

/// The page links to both downloads; the CSV's rows come back; the Excel file is a workbook.
pub(crate) async fn both_formats(b: &mut Browser, page: &str) -> Vec<Vec<String>> {
    b.get(page)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains(&format!("href=\"{page}.csv\""))
        .assert_contains(&format!("href=\"{page}.xlsx\""));
    let xlsx = b.get(&format!("{page}.xlsx")).await;
    xlsx.assert_status(StatusCode::OK);
    assert_eq!(xlsx.headers["content-type"], XLSX, "{page}");
    assert!(xlsx.bytes.starts_with(b"PK"), "{page}: not a zip");
    csv_rows(&b.get(&format!("{page}.csv")).await)
}

#[tokio::test]
async fn a_volunteer_downloads_their_regular_slots_and_waiting_lists_only() {
    let w = World::new().await;
    let app = &w.site.app;
    let scope = w.site.scope(&w.a.admin, &w.a.slug).await;
    let role = w
        .site
        .open_role_without_checks(&scope, "Ward visitor", w.a.site)
        .await;
    let vic = w
        .site
        .person("Vic", "Regular", "vic@example.org", "1975-05-05")
        .await;
    let amy = w
        .site
        .person("Amy", "First", "amy@example.org", "1980-01-01")
        .await;
    for p in [&vic, &amy] {
        w.site.active_in(&scope, p, role).await;
    }
    let slot = domain::rota::CommitmentInput {
        weekday: "tue".into(),
        start_time: "10:00".into(),
        end_time: "13:00".into(),
        starts_on: Utc::now().date_naive().to_string(),
        ..Default::default()
    };
    app.add_commitment(&scope, vic.id, role, w.a.site, &slot)
        .await
        .unwrap();
    // A one-place shift Amy has; Vic waits for it.
    let day = Utc::now().date_naive() + Duration::days(9);
    let input = ShiftInput {
        date: day.to_string(),
        start_time: "18:00".into(),
        end_time: "20:00".into(),
        min_volunteers: "1".into(),
        max_volunteers: "1".into(),
        notes: String::new(),
    };
    let shift = app.add_shift(&scope, role, w.a.site, &input).await.unwrap();
    app.book_shift(amy.id, &w.a.slug, shift.id).await.unwrap();
    app.join_waitlist(vic.id, &w.a.slug, shift.id)
        .await
        .unwrap();

    let mut b = w.site.signed_in("vic@example.org").await;
    let slots = both_formats(&mut b, "/my/commitments").await;
    assert_eq!(slots[0][0], "Regular slot");
    assert_eq!(slots.len(), 2, "{slots:?}");
    assert_eq!(slots[1][0], "Every Tuesday, 10:00 to 13:00");
    assert_eq!(slots[1][2], "Ward visitor");
    assert_eq!(slots[1][6], "no");
    let waiting = both_formats(&mut b, "/my/shifts/waiting").await;
    assert_eq!(waiting.len(), 2, "{waiting:?}");
    assert_eq!(waiting[1][0], day.to_string());
    assert_eq!(waiting[1][1], "18:00");
    assert_eq!(waiting[1][6], "Waiting");
    let mut audited = own_exports(&w.site, &vic).await;
    audited.sort();
    assert_eq!(
        audited,
        [
            "my_regular_slots.exported",
            "my_regular_slots.exported",
            "my_waiting_lists.exported",
            "my_waiting_lists.exported"
        ]
    );

    // Amy, in the same organisation, has neither; another organisation's admin neither.
    let mut amy_b = w.site.signed_in("amy@example.org").await;
    assert_eq!(csv_rows(&amy_b.get("/my/commitments.csv").await).len(), 1);
    assert_eq!(
        csv_rows(&amy_b.get("/my/shifts/waiting.csv").await).len(),
        1
    );
    let mut other = w.site.signed_in(w.b.admin.email.as_str()).await;
    assert_eq!(csv_rows(&other.get("/my/commitments.csv").await).len(), 1);
    for path in ["/my/commitments.csv", "/my/shifts/waiting.xlsx"] {
        let page = w.site.browser().get(path).await;
        assert!(page.redirect().starts_with("/sign-in"), "{path}");
    }
}

#[tokio::test]
async fn a_volunteer_downloads_their_learning_record_only() {
    let w = crate::events::world().await;
    let mut me = w.site.signed_in(w.a_viewer.email.as_str()).await;
    let yesterday = crate::events::date_in(&w, -1);
    me.submit(
        "/my/learning",
        &[
            ("title", "Level 3 safeguarding"),
            ("provider", "County council"),
            ("done_on", &yesterday),
            ("hours", "1.5"),
        ],
    )
    .await;
    let rows = both_formats(&mut me, "/my/learning").await;
    assert_eq!(
        rows[0],
        ["Date", "Learning", "Provider", "Kind", "CPD hours"]
    );
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[1][1], "Level 3 safeguarding");
    assert_eq!(rows[1][3], "My own learning");
    assert_eq!(rows[1][4], "1.50");
    let mut other = w.site.signed_in(w.b.admin.email.as_str()).await;
    assert_eq!(csv_rows(&other.get("/my/learning.csv").await).len(), 1);
}

#[tokio::test]
async fn a_volunteer_downloads_the_people_they_support_named_as_on_their_page() {
    let w = World::new().await;
    let t = crate::triangle::Triangle::of(&w.site, &w.a, "a").await;
    let mut priya = w.site.signed_in(t.befriender.email.as_str()).await;
    let rows = both_formats(&mut priya, "/my/matches").await;
    assert_eq!(rows.len(), 2, "{rows:?}");
    // Invited, not yet introduced: first name only, and no address or phone anywhere.
    assert_eq!(rows[1][1], "Edna");
    assert_eq!(rows[1][2], "Befriending");
    let csv = priya.get("/my/matches.csv").await.body;
    assert!(!csv.contains("Marsh") && !csv.contains("LS5"), "{csv}");
    assert_eq!(
        own_exports(&w.site, &t.befriender).await,
        ["my_people_i_support.exported"; 3]
    );
    // Another organisation's befriender sees none of A's.
    let other = crate::triangle::Triangle::of(&w.site, &w.b, "b").await;
    let mut theirs = w.site.signed_in(other.befriender.email.as_str()).await;
    let rows = csv_rows(&theirs.get("/my/matches.csv").await);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[1][0], w.b.name);
}

#[tokio::test]
async fn a_volunteer_downloads_all_the_activity_they_logged() {
    let c = crate::calendar::Cal::new().await;
    let mut admin = c.w.site.signed_in(c.w.a.admin.email.as_str()).await;
    admin
        .submit(
            &c.w.a.path(&format!("/outcomes/roles/{}", c.role)),
            &[("name", "Calls made"), ("unit", "calls")],
        )
        .await;
    let indicator =
        c.w.site
            .app
            .store
            .outcome_indicators(c.w.a.id)
            .await
            .unwrap()[0]
            .id
            .to_string();
    let mut bea = c.w.site.signed_in(c.bea.email.as_str()).await;
    // More than the page shows: the download has every one.
    for n in 1..=22 {
        let logged = bea
            .submit(
                "/my/activity",
                &[
                    ("indicator", indicator.as_str()),
                    ("quantity", &n.to_string()),
                    ("note", if n == 3 { "Long chat" } else { "" }),
                ],
            )
            .await;
        assert_eq!(logged.redirect(), "/my/activity?done=logged");
    }
    let rows = both_formats(&mut bea, "/my/activity").await;
    assert_eq!(rows[0], ["Date", "What", "Quantity", "Unit", "Note"]);
    assert_eq!(rows.len(), 23, "{rows:?}");
    assert!(rows.iter().any(|r| r[2] == "3" && r[4] == "Long chat"));
    assert!(
        rows[1..]
            .iter()
            .all(|r| r[1] == "Calls made" && r[3] == "calls")
    );
    let mut cal = c.w.site.signed_in(c.cal.email.as_str()).await;
    assert_eq!(csv_rows(&cal.get("/my/activity.csv").await).len(), 1);
}
