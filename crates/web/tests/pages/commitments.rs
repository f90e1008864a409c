//! Standing commitments: a regular slot books the volunteer into matching shifts already on the
//! rota and added later; time away skips occurrences without ending it; ending it gives up
//! later places; another organisation gets nothing.

use axum::http::StatusCode;
use chrono::{Datelike, Days, NaiveDate, Utc};
use domain::rota::{BookingStatus, ShiftInput};

use crate::support::World;

/// The next `weekday` strictly after today, plus `weeks` weeks.
fn next(weekday: chrono::Weekday, weeks: u64) -> NaiveDate {
    let mut d = Utc::now().date_naive() + Days::new(1);
    while d.weekday() != weekday {
        d = d + Days::new(1);
    }
    d + Days::new(7 * weeks)
}

fn shift_on(date: NaiveDate, start: &str, end: &str) -> ShiftInput {
    ShiftInput {
        date: date.to_string(),
        start_time: start.into(),
        end_time: end.into(),
        min_volunteers: "1".into(),
        max_volunteers: "3".into(),
        notes: String::new(),
    }
}

#[tokio::test]
async fn a_regular_slot_books_each_occurrence_and_time_away_skips_some() {
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
    w.site.active_in(&scope, &vic, role).await;
    let tue = chrono::Weekday::Tue;
    // Two Tuesday mornings on the rota, an afternoon one, and a Wednesday.
    let week1 = app
        .add_shift(
            &scope,
            role,
            w.a.site,
            &shift_on(next(tue, 0), "10:00", "13:00"),
        )
        .await
        .unwrap();
    let week2 = app
        .add_shift(
            &scope,
            role,
            w.a.site,
            &shift_on(next(tue, 1), "10:00", "13:00"),
        )
        .await
        .unwrap();
    app.add_shift(
        &scope,
        role,
        w.a.site,
        &shift_on(next(tue, 1), "14:00", "16:00"),
    )
    .await
    .unwrap();
    app.add_shift(
        &scope,
        role,
        w.a.site,
        &shift_on(next(chrono::Weekday::Wed, 0), "10:00", "13:00"),
    )
    .await
    .unwrap();

    // The manager sets up "every Tuesday 10:00–13:00" through the page.
    let mut manager = w.site.signed_in(w.a.admin.email.as_str()).await;
    let path = format!("/manage/{}/volunteers/{}/commitments", w.a.slug, vic.id);
    manager
        .get(&path)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Set up a regular slot");
    // Bad input: named fields, nothing saved.
    manager
        .submit(
            &path,
            &[
                ("role_id", &role.to_string()),
                ("site_id", &w.a.site.to_string()),
                ("weekday", ""),
                ("start_time", "10:00"),
                ("end_time", "10:00"),
                ("starts_on", ""),
            ],
        )
        .await
        .assert_errors(&["weekday", "end_time", "starts_on"]);
    assert!(app.my_commitments(vic.id).await.unwrap().0.is_empty());
    let saved = manager
        .submit(
            &path,
            &[
                ("role_id", &role.to_string()),
                ("site_id", &w.a.site.to_string()),
                ("weekday", "tue"),
                ("start_time", "10:00"),
                ("end_time", "13:00"),
                ("starts_on", &Utc::now().date_naive().to_string()),
            ],
        )
        .await;
    assert_eq!(saved.redirect(), format!("{path}?booked=2"));
    let booked = |list: Vec<domain::rota::Booking>| -> Vec<domain::ids::ShiftId> {
        list.into_iter()
            .filter(|b| b.status == BookingStatus::Booked)
            .map(|b| b.shift_id)
            .collect()
    };
    assert_eq!(
        booked(app.my_bookings(vic.id).await.unwrap()),
        vec![week1.id, week2.id]
    );

    // A Tuesday morning added later is booked too.
    let week3 = app
        .add_shift(
            &scope,
            role,
            w.a.site,
            &shift_on(next(tue, 2), "10:00", "13:00"),
        )
        .await
        .unwrap();
    assert_eq!(
        booked(app.my_bookings(vic.id).await.unwrap()),
        vec![week1.id, week2.id, week3.id]
    );

    // Vic records time away over week 2: that place goes; a shift added then is not booked.
    let mut vic_browser = w.site.signed_in("vic@example.org").await;
    vic_browser
        .get("/my/commitments")
        .await
        .assert_contains("Every Tuesday, 10:00 to 13:00");
    vic_browser
        .submit(
            "/my/commitments/absences",
            &[("starts_on", "31 2 2027"), ("ends_on", "")],
        )
        .await
        .assert_errors(&["starts_on", "ends_on"]);
    let away = next(tue, 1).to_string();
    let saved = vic_browser
        .submit(
            "/my/commitments/absences",
            &[("starts_on", &away), ("ends_on", &away)],
        )
        .await;
    assert_eq!(saved.redirect(), "/my/commitments?done=away");
    assert_eq!(
        booked(app.my_bookings(vic.id).await.unwrap()),
        vec![week1.id, week3.id]
    );
    let audit = app.store.audit_for(None, vic.id.0).await.unwrap();
    assert!(
        audit.iter().any(|e| e.action == "absence.recorded"),
        "{audit:?}"
    );
    // The commitment is not ended by it.
    assert!(
        app.my_commitments(vic.id).await.unwrap().0[0]
            .ends_on
            .is_none()
    );

    // Removing the time away books week 2 again.
    let absence = app.my_commitments(vic.id).await.unwrap().1[0].id;
    let back = vic_browser
        .submit(&format!("/my/commitments/absences/{absence}/remove"), &[])
        .await;
    assert_eq!(back.redirect(), "/my/commitments?done=back");
    assert_eq!(booked(app.my_bookings(vic.id).await.unwrap()).len(), 3);

    // Vic ends the slot after week 1: the later places are given up.
    let commitment = app.my_commitments(vic.id).await.unwrap().0[0].id;
    let last = next(tue, 0).to_string();
    let ended = vic_browser
        .submit(
            &format!("/my/commitments/{}/{commitment}/end", w.a.slug),
            &[("ends_on", &last)],
        )
        .await;
    assert_eq!(ended.redirect(), "/my/commitments?done=ended");
    assert_eq!(
        booked(app.my_bookings(vic.id).await.unwrap()),
        vec![week1.id]
    );
    let later = app
        .add_shift(
            &scope,
            role,
            w.a.site,
            &shift_on(next(tue, 3), "10:00", "13:00"),
        )
        .await
        .unwrap();
    assert!(!booked(app.my_bookings(vic.id).await.unwrap()).contains(&later.id));
}

#[tokio::test]
async fn another_organisation_gets_nothing_from_regular_slots() {
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
    w.site.active_in(&scope, &vic, role).await;
    let input = domain::rota::CommitmentInput {
        weekday: "tue".into(),
        start_time: "10:00".into(),
        end_time: "13:00".into(),
        starts_on: Utc::now().date_naive().to_string(),
        ..Default::default()
    };
    let (c, _) = app
        .add_commitment(&scope, vic.id, role, w.a.site, &input)
        .await
        .unwrap();
    // B's admin: A's volunteer's page under either slug is not found; ending is refused.
    let mut b_admin = w.site.signed_in(w.b.admin.email.as_str()).await;
    b_admin
        .get(&format!(
            "/manage/{}/volunteers/{}/commitments",
            w.b.slug, vic.id
        ))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    b_admin
        .get(&format!(
            "/manage/{}/volunteers/{}/commitments",
            w.a.slug, vic.id
        ))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    b_admin
        .submit(
            &format!(
                "/manage/{}/volunteers/{}/commitments/{}/end",
                w.b.slug, vic.id, c.id
            ),
            &[],
        )
        .await
        .assert_status(StatusCode::NOT_FOUND);
    // Another volunteer cannot end Vic's slot; B's organisation cannot set one up for A's role.
    let other = w
        .site
        .person("Oli", "Other", "oli@example.org", "1980-01-01")
        .await;
    assert!(
        app.end_my_commitment(other.id, &w.a.slug, c.id, "")
            .await
            .is_err()
    );
    // A supervisor sees only volunteers at their own site: Vic's role is there; Wyn's is not.
    let mut supervisor = w.site.signed_in(w.a_supervisor.email.as_str()).await;
    supervisor
        .get(&format!(
            "/manage/{}/volunteers/{}/commitments",
            w.a.slug, vic.id
        ))
        .await
        .assert_status(StatusCode::OK);
    let elsewhere = w.site.site(&scope, "Outpatients").await;
    let clinic = w
        .site
        .open_role_without_checks(&scope, "Clinic guide", elsewhere)
        .await;
    let wyn = w
        .site
        .person("Wyn", "Elsewhere", "wyn@example.org", "1977-07-07")
        .await;
    w.site.active_in(&scope, &wyn, clinic).await;
    supervisor
        .get(&format!(
            "/manage/{}/volunteers/{}/commitments",
            w.a.slug, wyn.id
        ))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let b_scope = w.site.scope(&w.b.admin, &w.b.slug).await;
    assert!(
        app.add_commitment(&b_scope, vic.id, role, w.a.site, &input)
            .await
            .is_err()
    );
    assert!(
        app.my_commitments(vic.id).await.unwrap().0[0]
            .ends_on
            .is_none()
    );
}
