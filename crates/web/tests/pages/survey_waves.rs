//! Survey waves over time: one reminder with its own link, closing after the plan's days, and
//! an anonymous exit survey (not follow-ups) for a volunteer who leaves.

use axum::http::StatusCode;

use crate::calendar::Cal;
use crate::surveys::{link_for, send_due_surveys};

/// The app as it will be `days` from now.
fn later(c: &Cal, days: i64) -> app::App {
    app::App::new(
        c.w.site.app.store.clone(),
        std::sync::Arc::new(app::FixedClock(
            chrono::Utc::now() + chrono::Duration::days(days),
        )),
        "http://localhost",
    )
}

#[tokio::test]
async fn one_reminder_comes_with_its_own_link_and_the_survey_closes_after_its_days() {
    let c = Cal::new().await;
    send_due_surveys(&c).await;
    let first = link_for(&c, "cal@example.org").await;
    let reminders = |c: &Cal| {
        let store = c.w.site.app.store.clone();
        async move {
            store
                .recent_messages(500)
                .await
                .unwrap()
                .into_iter()
                .filter(|m| m.to == "cal@example.org" && m.subject.starts_with("A reminder"))
                .collect::<Vec<_>>()
        }
    };
    // Nothing before the seventh day; one reminder on it, and only one however often jobs run.
    let six = later(&c, 6);
    six.schedule_jobs().await.unwrap();
    six.run_jobs("w", 100).await.unwrap();
    assert!(reminders(&c).await.is_empty());
    let eight = later(&c, 8);
    for _ in 0..2 {
        eight.schedule_jobs().await.unwrap();
        eight.run_jobs("w", 100).await.unwrap();
    }
    let sent = reminders(&c).await;
    assert_eq!(sent.len(), 1, "{sent:#?}");
    let start = sent[0].body.find("/surveys/").unwrap();
    let second = sent[0].body[start..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    assert_ne!(second, first, "the reminder has a link of its own");
    let mut anyone = c.w.site.browser();
    anyone.get(&first).await.assert_status(StatusCode::OK);
    anyone.get(&second).await.assert_status(StatusCode::OK);

    // Bea's survey closes after 21 days unanswered: her link says so and takes no answers.
    let bea_link = link_for(&c, "bea@example.org").await;
    let mut visitor = c.w.site.browser_with(later(&c, 22));
    visitor
        .get(&bea_link)
        .await
        .assert_status(StatusCode::GONE)
        .assert_contains("This survey has closed");
    visitor
        .post(&bea_link, &[("ons4-satis", "7")])
        .await
        .assert_status(StatusCode::GONE);
    assert!(
        c.w.site
            .app
            .store
            .survey_responses_of_person(c.bea.id)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_volunteer_who_leaves_is_asked_an_anonymous_exit_survey_and_no_follow_ups() {
    let c = Cal::new().await;
    let app = &c.w.site.app;
    let scope = c.w.site.scope(&c.w.a.admin, &c.w.a.slug).await;
    app.move_engagement(
        &scope,
        c.bea.id,
        domain::engagement::EngagementStatus::Left,
        Some(domain::engagement::LeavingReason::MovedAway),
        "",
    )
    .await
    .unwrap();
    send_due_surveys(&c).await;
    let invitations = app
        .store
        .survey_invitations_of_person(c.bea.id)
        .await
        .unwrap();
    assert_eq!(invitations.len(), 1, "{invitations:#?}");
    assert_eq!(invitations[0].occasion, domain::surveys::Occasion::Exit);
    assert!(invitations[0].anonymous);
    let link = link_for(&c, "bea@example.org").await;
    c.w.site
        .browser()
        .get(&link)
        .await
        .assert_contains("Your answers are anonymous")
        .assert_contains("Your volunteering experience");
    // Cal, still active, is asked for a baseline, not an exit survey.
    let cal = app
        .store
        .survey_invitations_of_person(c.cal.id)
        .await
        .unwrap();
    assert_eq!(cal[0].occasion, domain::surveys::Occasion::Baseline);
}

#[tokio::test]
async fn a_sampled_attended_shift_is_followed_by_a_pulse_survey_reported_under_its_site() {
    use app::Write;
    use chrono::{Duration, Utc};
    use domain::ids::{AttendanceId, BookingId, ShiftId};
    use domain::rota::attendance::{Attendance, AttendanceMethod, AttendanceStatus};
    use domain::rota::{Booking, BookingStatus, Shift};

    let c = Cal::new().await;
    let mut admin = c.w.site.signed_in(c.w.a.admin.email.as_str()).await;
    // Every attended shift is followed by a pulse survey; the baseline is switched off so the
    // pulse is the only invitation.
    for (occasion, one_in, enabled) in [("pulse", "1", "yes"), ("baseline", "10", "")] {
        let saved = admin
            .submit(
                &c.w.a.path(&format!("/surveys/plans/{occasion}")),
                &[
                    ("enabled", enabled),
                    ("instruments", "experience"),
                    ("anonymous", "yes"),
                    ("close_after_days", "7"),
                    ("remind_after_days", "0"),
                    ("pulse_one_in", one_in),
                ],
            )
            .await;
        assert_eq!(
            saved.redirect(),
            c.w.a.path("/surveys?done=plan"),
            "{}",
            saved.body
        );
    }
    let starts = Utc::now() - Duration::hours(6);
    let shift = Shift {
        id: ShiftId::new(),
        organisation_id: c.w.a.id,
        role_id: c.role,
        site_id: c.w.a.site,
        starts_at: starts,
        ends_at: starts + Duration::hours(3),
        min_volunteers: 1,
        max_volunteers: 2,
        notes: String::new(),
        supervisor: None,
        series_id: None,
        cancelled: false,
    };
    let booking = Booking {
        id: BookingId::new(),
        organisation_id: c.w.a.id,
        shift_id: shift.id,
        person_id: c.bea.id,
        status: BookingStatus::Booked,
        starts_at: shift.starts_at,
        ends_at: shift.ends_at,
        booked_at: starts - Duration::days(2),
        cancelled_at: None,
        cancellation_reason: String::new(),
        late: false,
    };
    let attended = Attendance {
        id: AttendanceId::new(),
        organisation_id: c.w.a.id,
        booking_id: booking.id,
        shift_id: shift.id,
        person_id: c.bea.id,
        status: AttendanceStatus::Attended,
        arrived_at: Some(starts),
        left_at: Some(shift.ends_at),
        method: AttendanceMethod::Staff,
        recorded_by: None,
        recorded_at: shift.ends_at,
    };
    let app = &c.w.site.app;
    app.store
        .apply(vec![
            Write::InsertShift(shift.clone()),
            Write::BookShift(booking),
            Write::InsertAttendance(attended),
        ])
        .await
        .unwrap();
    send_due_surveys(&c).await;
    let bea = app
        .store
        .survey_invitations_of_person(c.bea.id)
        .await
        .unwrap();
    assert_eq!(bea.len(), 1, "{bea:#?}");
    assert_eq!(bea[0].occasion, domain::surveys::Occasion::Pulse);
    assert_eq!(bea[0].site_id, Some(c.w.a.site));
    assert!(
        app.store
            .survey_invitations_of_person(c.cal.id)
            .await
            .unwrap()
            .is_empty(),
        "Cal attended nothing, and the baseline is switched off"
    );
    send_due_surveys(&c).await;
    assert_eq!(
        app.store
            .survey_invitations_of_person(c.bea.id)
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn swemwbs_is_asked_only_once_licensed_and_its_copyright_line_goes_with_it() {
    let c = Cal::new().await;
    let mut admin = c.w.site.signed_in(c.w.a.admin.email.as_str()).await;
    let plan = |instruments: &'static str| {
        vec![
            ("enabled", "yes"),
            ("instruments", "ons4"),
            ("instruments", instruments),
            ("close_after_days", "21"),
            ("remind_after_days", "7"),
            ("pulse_one_in", "10"),
        ]
    };
    let path = c.w.a.path("/surveys/plans/baseline");
    admin
        .submit(&path, &plan("swemwbs"))
        .await
        .assert_errors(&["baseline-instruments"]);
    let recorded = admin
        .submit(
            &c.w.a.path("/surveys/licences/swemwbs"),
            &[("registered_on", "2026-01-05"), ("confirmed", "yes")],
        )
        .await;
    assert_eq!(recorded.redirect(), c.w.a.path("/surveys?done=licence"));
    let saved = admin.submit(&path, &plan("swemwbs")).await;
    assert_eq!(saved.redirect(), c.w.a.path("/surveys?done=plan"));
    send_due_surveys(&c).await;
    let link = link_for(&c, "bea@example.org").await;
    let copyright = "NHS Health Scotland, University of Warwick and University of Edinburgh";
    c.w.site
        .browser()
        .get(&link)
        .await
        .assert_contains("swemwbs-")
        .assert_contains(copyright);
    let mut answers = vec![("ons4-satis", "6")];
    let items = ["q1", "q2", "q3", "q4", "q5", "q6", "q7"];
    let codes: Vec<String> = items.iter().map(|i| format!("swemwbs-{i}")).collect();
    for code in &codes {
        answers.push((code.as_str(), "3"));
    }
    c.w.site.browser().post(&link, &answers).await;
    let mut bea = c.w.site.signed_in("bea@example.org").await;
    bea.get("/my/wellbeing")
        .await
        .assert_contains("Your mental wellbeing")
        .assert_contains(copyright);
    // The dashboard puts quality beside quantity.
    admin
        .get(&c.w.a.path(""))
        .await
        .assert_contains("Quality beside quantity")
        .assert_contains("Still volunteering after 12 months");
}
