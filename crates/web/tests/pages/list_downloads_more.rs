//! The lists that came to download later, the same way as the first ones: the consent
//! register, message log, erasure records and retention preview; survey plans, outcome
//! measures, time to onboard and learning events; a volunteer's regular slots, a shift's
//! waiting list, a day of the rota and safeguarding concerns. Each downloads as CSV and as
//! Excel, is linked from its page, is audited, and gives another organisation's staff nothing.

use std::sync::Arc;

use app::{App, FixedClock};
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use domain::application::ApplicationStatus;
use domain::notification::NotificationKind;
use domain::outcome_framework::IndicatorInput;
use domain::privacy::RetentionInput;
use domain::privacy::consent::ConsentInput;
use domain::rota::{CommitmentInput, ShiftInput};
use domain::safeguarding::ConcernInput;

use crate::list_downloads::{XLSX, csv_rows, exported};
use crate::support::{Browser, Org, World};

/// Fetches `{path}.csv{query}` and `{path}.xlsx{query}` under the organisation and checks
/// each: the CSV's first heading, a row holding `known`, and an Excel file (a zip: `PK`).
pub(crate) async fn both(
    b: &mut Browser,
    org: &Org,
    path: &str,
    query: &str,
    first: &str,
    known: &str,
) {
    let rows = csv_rows(&b.get(&org.path(&format!("/{path}.csv{query}"))).await);
    assert_eq!(rows[0][0], first, "{path}: {rows:?}");
    assert!(
        rows[1..]
            .iter()
            .any(|r| r.iter().any(|c| c.contains(known))),
        "{path}: no row with {known:?} in {rows:?}"
    );
    let xlsx = b.get(&org.path(&format!("/{path}.xlsx{query}"))).await;
    xlsx.assert_status(StatusCode::OK);
    assert_eq!(xlsx.headers["content-type"], XLSX, "{path}");
    assert!(xlsx.bytes.starts_with(b"PK"), "{path}: not a zip");
}

pub(crate) fn assert_audited(audited: &[String], kinds: &[&str]) {
    for kind in kinds {
        assert!(
            audited.contains(&format!("{kind}.exported")),
            "{kind} not audited: {audited:?}"
        );
    }
}

#[tokio::test]
async fn the_privacy_settings_and_engagement_lists_download_and_are_audited() {
    let w = World::new().await;
    let a = &w.a;
    let app = &w.site.app;
    let scope = w.site.scope(&a.admin, &a.slug).await;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    app.record_consent(
        &scope,
        a.volunteer.id,
        &ConsentInput {
            purpose: "Photographs in the newsletter".into(),
            state: "given".into(),
            on: app.uk_today().to_string(),
            way: "written".into(),
            note: String::new(),
        },
    )
    .await
    .unwrap();
    let message =
        app::ports::OutboxMessage::email("bea@example.org", "Booked", "Hello".into(), Utc::now())
            .from_organisation(a.id, Some(NotificationKind::BookingConfirmation));
    app.store
        .apply(vec![app::Write::InsertMessage(message)])
        .await
        .unwrap();
    let erase = a.path(&format!("/volunteers/{}/erase", w.a_volunteer2.id));
    admin
        .submit(&erase, &[("note", "By letter"), ("confirmed", "yes")])
        .await
        .redirect();
    app.add_outcome_indicator(
        &scope,
        a.role,
        &IndicatorInput {
            name: "Patients helped at mealtimes".into(),
            unit: "patients".into(),
            minutes_each: "10".into(),
        },
    )
    .await
    .unwrap();
    let date = (app.uk_today() + Duration::days(14))
        .format("%-d %-m %Y")
        .to_string();
    admin
        .submit(
            &a.path("/events/new"),
            &[
                ("title", "Safeguarding refresher"),
                ("description", "An update for volunteers"),
                ("audience_note", "Everyone"),
                ("visibility", "public"),
                ("format", "in_person"),
                ("venue", "Civic Centre, Leeds"),
                ("date", &date),
                ("start_time", "10:00"),
                ("end_time", "12:30"),
                ("capacity", "20"),
                ("member_price", "0"),
                ("non_member_price", "10"),
            ],
        )
        .await
        .redirect();

    let lists = [
        (
            "privacy/consents",
            "Who",
            "Photographs in the newsletter",
            "/privacy/consents",
        ),
        (
            "settings/notifications/messages",
            "Queued",
            "bea@example.org",
            "/settings/notifications",
        ),
        ("privacy/erasures", "When", "By letter", "/privacy"),
        ("surveys", "Occasion", "On starting", "/surveys"),
        (
            "outcomes",
            "Role",
            "Patients helped at mealtimes",
            "/outcomes",
        ),
        ("time-to-onboard", "Table", "Everyone", ""),
        ("events", "Event", "Safeguarding refresher", "/events"),
    ];
    for (path, first, known, page) in lists {
        both(&mut admin, a, path, "", first, known).await;
        admin
            .get(&a.path(page))
            .await
            .assert_contains(&format!("/{path}.xlsx"))
            .assert_contains("Download Excel")
            .assert_contains("Download CSV");
    }
    // How many answered each survey, with small numbers withheld as on the page.
    let surveys = csv_rows(&admin.get(&a.path("/surveys.csv")).await);
    assert_eq!(
        surveys[0].last().map(String::as_str),
        Some("Answered in the last 12 months")
    );
    assert!(
        surveys[1..].iter().all(|r| r[7] == "fewer than 5"),
        "{surveys:?}"
    );
    admin
        .get(&a.path("/surveys"))
        .await
        .assert_contains("Questionnaires answered in the last 12 months: fewer than 5.");
    assert_audited(
        &exported(&w, a).await,
        &[
            "consents",
            "messages",
            "erasures",
            "surveys",
            "outcome-measures",
            "time-to-onboard",
            "events",
        ],
    );

    // The admins' lists are theirs alone; another organisation's admin gets nothing at all.
    let mut viewer = w.site.signed_in(w.a_viewer.email.as_str()).await;
    for path in [
        "/settings/notifications/messages.csv",
        "/privacy/erasures.xlsx",
        "/privacy/retention.csv",
        "/privacy/consents.csv",
    ] {
        viewer
            .get(&a.path(path))
            .await
            .assert_status(StatusCode::FORBIDDEN);
    }
    let mut b_admin = w.site.signed_in(w.b.admin.email.as_str()).await;
    for (path, ..) in lists {
        for format in ["csv", "xlsx"] {
            b_admin
                .get(&a.path(&format!("/{path}.{format}")))
                .await
                .assert_status(StatusCode::NOT_FOUND);
        }
    }
}

/// A shift a week from now at the organisation's site in `role`, with one place.
pub(crate) fn one_place(days: i64) -> ShiftInput {
    ShiftInput {
        date: (Utc::now().date_naive() + Duration::days(days)).to_string(),
        start_time: "10:00".into(),
        end_time: "13:00".into(),
        min_volunteers: "1".into(),
        max_volunteers: "1".into(),
        notes: String::new(),
    }
}

#[tokio::test]
async fn rota_lists_concerns_and_the_retention_preview_download_and_are_audited() {
    let w = World::new().await;
    let a = &w.a;
    let app = &w.site.app;
    let scope = w.site.scope(&a.admin, &a.slug).await;
    let role = w
        .site
        .open_role_without_checks(&scope, "Ward visitor", a.site)
        .await;
    let amy = w
        .site
        .person("Amy", "First", "amy@example.org", "1980-01-01")
        .await;
    let ben = w
        .site
        .person("Ben", "Second", "ben@example.org", "1981-01-01")
        .await;
    for p in [&amy, &ben] {
        w.site.active_in(&scope, p, role).await;
    }
    let shift = app
        .add_shift(&scope, role, a.site, &one_place(7))
        .await
        .unwrap();
    app.book_shift(amy.id, &a.slug, shift.id).await.unwrap();
    app.join_waitlist(ben.id, &a.slug, shift.id).await.unwrap();
    let starts_on = app.uk_today().to_string();
    app.add_commitment(
        &scope,
        ben.id,
        role,
        a.site,
        &CommitmentInput {
            weekday: "tue".into(),
            start_time: "10:00".into(),
            end_time: "13:00".into(),
            starts_on,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    app.set_safeguarding_leads(&scope, &[(a.admin.id, false)])
        .await
        .unwrap();
    app.raise_concern(
        a.admin.id,
        a.id,
        &ConcernInput {
            subject: "volunteer".into(),
            subject_name: "A volunteer".into(),
            what: "Asked a service user for money".into(),
            urgent: "yes".into(),
        },
        None,
    )
    .await
    .unwrap();

    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let day = one_place(7).date;
    let next = (Utc::now().date_naive() + Duration::days(8)).to_string();
    let day_query = format!("?from={day}&to={next}");
    let volunteer = format!("?volunteer={}", ben.id);
    let on_shift = format!("?shift={}", shift.id);
    both(&mut admin, a, "rota", &day_query, "Date", "Amy First").await;
    both(
        &mut admin,
        a,
        "commitments",
        &volunteer,
        "Volunteer",
        "Every Tuesday",
    )
    .await;
    both(
        &mut admin,
        a,
        "waiting-list",
        &on_shift,
        "Volunteer",
        "Ben Second",
    )
    .await;
    both(
        &mut admin,
        a,
        "safeguarding/concerns",
        "",
        "About",
        "A volunteer",
    )
    .await;
    for (page, link) in [
        (
            format!("/rota/day?date={day}"),
            format!("/rota.xlsx{}", day_query.replace('&', "&#38;")),
        ),
        (
            format!("/volunteers/{}/commitments", ben.id),
            format!("/commitments.xlsx{volunteer}"),
        ),
        (
            format!("/shifts/{}/waiting-list", shift.id),
            format!("/waiting-list.xlsx{on_shift}"),
        ),
        (
            "/safeguarding".to_owned(),
            "/safeguarding/concerns.xlsx".to_owned(),
        ),
    ] {
        admin
            .get(&a.path(&page))
            .await
            .assert_contains(&link)
            .assert_contains("Download Excel");
    }

    // An applicant who was turned down is reached by the rules a month and more later.
    app.decide_application(
        &scope,
        w.a_application2,
        ApplicationStatus::Declined,
        "The role is full",
    )
    .await
    .unwrap();
    app.save_retention(
        &scope,
        &RetentionInput {
            unsuccessful_after_months: "1".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let later = App::new(
        app.store.clone(),
        Arc::new(FixedClock(app.clock.now() + Duration::days(40))),
        app.base_url.clone(),
    );
    let mut admin_later = w.site.browser_with(later);
    admin_later
        .sign_in(a.admin.email.as_str(), crate::support::PASSWORD)
        .await;
    both(
        &mut admin_later,
        a,
        "privacy/retention",
        "",
        "Name",
        "Second-trust",
    )
    .await;
    admin_later
        .get(&a.path("/privacy/retention"))
        .await
        .assert_contains("/privacy/retention.xlsx");
    assert_audited(
        &exported(&w, a).await,
        &[
            "rota",
            "commitments",
            "waiting-list",
            "concerns",
            "retention",
        ],
    );

    // Concerns are for safeguarding leads only: other staff, even admins, get nothing.
    let mut viewer = w.site.signed_in(w.a_viewer.email.as_str()).await;
    viewer
        .get(&a.path("/safeguarding/concerns.csv"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    // Without the id there is nothing to export, and the field is named.
    for path in ["/commitments.csv", "/waiting-list.xlsx?shift=nonsense"] {
        admin
            .get(&a.path(path))
            .await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    }
    // Another organisation's admin gets nothing, under either organisation's address.
    let mut b_admin = w.site.signed_in(w.b.admin.email.as_str()).await;
    for path in [
        a.path(&format!("/rota.csv{day_query}")),
        a.path(&format!("/commitments.xlsx{volunteer}")),
        a.path(&format!("/waiting-list.csv{on_shift}")),
        a.path("/safeguarding/concerns.xlsx"),
        w.b.path(&format!("/commitments.csv{volunteer}")),
        w.b.path(&format!("/waiting-list.xlsx{on_shift}")),
    ] {
        b_admin
            .get(&path)
            .await
            .assert_status(StatusCode::NOT_FOUND);
    }
}
