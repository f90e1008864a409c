//! Volunteers choose, kind by kind, email or nothing: the page shows email by default, an
//! opted-out kind sends nothing while the others still send, and a bad choice is refused with
//! nothing saved.

use std::sync::Arc;

use app::{App, FixedClock};
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use domain::notification::{Channel, NotificationKind};

use crate::calendar::Cal;

const ALL_EMAIL: [(&str, &str); 7] = [
    ("booking_confirmation", "email"),
    ("reminder", "email"),
    ("waitlist_offer", "email"),
    ("cancellation", "email"),
    ("hours_decision", "email"),
    ("survey", "email"),
    ("matching", "email"),
];

/// The subjects of messages queued for `email`.
async fn subjects(c: &Cal, email: &str) -> Vec<String> {
    c.w.site
        .app
        .store
        .recent_messages(500)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.to == email)
        .map(|m| m.subject)
        .collect()
}

#[tokio::test]
async fn opting_out_of_confirmations_stops_them_but_reminders_still_come() {
    let c = Cal::new().await;
    let mut bea = c.w.site.signed_in("bea@example.org").await;
    let page = bea.get("/my/notifications").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("<h1>Emails we send you</h1>")
        .assert_contains("<legend>Booking confirmations</legend>")
        .assert_contains(r#"id="reminder" name="reminder" value="email" checked"#)
        .assert_contains(r#"id="reminder-none" name="reminder" value="none">"#);

    let mut fields = ALL_EMAIL.to_vec();
    fields[0].1 = "none";
    let saved = bea.submit("/my/notifications", &fields).await;
    assert_eq!(saved.redirect(), "/my/notifications?done=saved");
    bea.get(saved.redirect())
        .await
        .assert_contains("Your choices have been saved.")
        .assert_contains(r#"value="none" checked"#)
        .assert_contains(r#"id="reminder" name="reminder" value="email" checked"#);
    let chosen =
        c.w.site
            .app
            .my_notification_preferences(c.bea.id)
            .await
            .unwrap();
    assert!(chosen.contains(&(NotificationKind::BookingConfirmation, Channel::None)));
    assert!(chosen.contains(&(NotificationKind::Reminder, Channel::Email)));

    // Both book a shift in five days: only Cal is sent a confirmation.
    let day = Utc::now().date_naive() + Duration::days(5);
    let shift = c.shift(false, day, "10:00", "13:00", "Ask for Sam").await;
    c.book(c.bea.id, false, &shift).await;
    c.book(c.cal.id, false, &shift).await;
    assert!(
        subjects(&c, "bea@example.org")
            .await
            .iter()
            .all(|s| !s.starts_with("Booked:"))
    );
    let cal = subjects(&c, "cal@example.org").await;
    assert_eq!(
        cal.iter()
            .filter(|s| s.starts_with("Booked: Ward visitor at"))
            .count(),
        1,
        "{cal:?}"
    );

    // The day before, both get the reminder (Bea only opted out of confirmations).
    let eve = shift.starts_at - Duration::hours(20);
    let app = App::new(
        c.w.site.app.store.clone(),
        Arc::new(FixedClock(eve)),
        "http://localhost",
    );
    app.schedule_jobs().await.unwrap();
    app.run_jobs("worker", 100).await.unwrap();
    for email in ["bea@example.org", "cal@example.org"] {
        let tomorrow: Vec<_> = subjects(&c, email)
            .await
            .into_iter()
            .filter(|s| s.starts_with("Tomorrow: Ward visitor at"))
            .collect();
        assert_eq!(tomorrow.len(), 1, "{email}: {tomorrow:?}");
    }
}

#[tokio::test]
async fn a_bad_choice_is_refused_and_nothing_is_saved() {
    let c = Cal::new().await;
    let mut bea = c.w.site.signed_in("bea@example.org").await;
    let mut fields = ALL_EMAIL.to_vec();
    fields[0].1 = "none";
    fields[1].1 = "pigeon";
    fields[3].1 = "";
    bea.submit("/my/notifications", &fields)
        .await
        .assert_errors(&["reminder", "cancellation"])
        .assert_contains("Choose how to tell you about reminders the day before a shift")
        // What was typed is kept.
        .assert_contains(
            r#"id="booking_confirmation-none" name="booking_confirmation" value="none" checked"#,
        );
    assert!(
        c.w.site
            .app
            .store
            .notification_preferences(c.bea.id)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn the_page_needs_sign_in_and_its_form_the_token() {
    let c = Cal::new().await;
    let page = c.w.site.browser().get("/my/notifications").await;
    assert!(page.redirect().starts_with("/sign-in"));
    let mut bea = c.w.site.signed_in("bea@example.org").await;
    let mut fields = ALL_EMAIL.to_vec();
    fields[1].1 = "none";
    bea.post("/my/notifications", &fields)
        .await
        .assert_status(StatusCode::FORBIDDEN);
    assert!(
        c.w.site
            .app
            .store
            .notification_preferences(c.bea.id)
            .await
            .unwrap()
            .is_empty()
    );
    // Cal's choices are Cal's own.
    bea.submit("/my/notifications", &fields).await;
    assert!(
        c.w.site
            .app
            .store
            .notification_preferences(c.cal.id)
            .await
            .unwrap()
            .is_empty()
    );
    let mut cal = c.w.site.signed_in("cal@example.org").await;
    cal.get("/my/notifications")
        .await
        .assert_contains(r#"id="reminder" name="reminder" value="email" checked"#);
}

#[tokio::test]
async fn cancelling_your_own_place_is_confirmed_unless_you_chose_no_cancellation_emails() {
    let c = Cal::new().await;
    let mut cal = c.w.site.signed_in("cal@example.org").await;
    let mut fields = ALL_EMAIL.to_vec();
    fields[3].1 = "none";
    cal.submit("/my/notifications", &fields).await;

    // A shift in two hours: cancelling now is late, and the email says what that means.
    let soon = Utc::now() + Duration::hours(2);
    let day = domain::rota::from_utc(soon).date();
    let start = domain::rota::from_utc(soon).format("%H:%M").to_string();
    let end = domain::rota::from_utc(soon + Duration::minutes(90))
        .format("%H:%M")
        .to_string();
    let shift = if domain::rota::from_utc(soon + Duration::minutes(90)).date() == day {
        c.shift(false, day, &start, &end, "").await
    } else {
        // Too near midnight for a same-day shift: one in five days (cancelled in good time).
        let later = Utc::now().date_naive() + Duration::days(5);
        c.shift(false, later, "10:00", "11:30", "").await
    };
    let bea = c.book(c.bea.id, false, &shift).await;
    let cals = c.book(c.cal.id, false, &shift).await;
    let app = &c.w.site.app;
    let cancelled = app
        .cancel_booking(c.bea.id, bea.id, "Bus strike")
        .await
        .unwrap();
    app.cancel_booking(c.cal.id, cals.id, "Unwell")
        .await
        .unwrap();

    let to_bea = c.w.site.app.store.recent_messages(500).await.unwrap();
    let notice: Vec<_> = to_bea
        .iter()
        .filter(|m| {
            m.to == "bea@example.org" && m.subject.starts_with("Cancelled: Ward visitor at")
        })
        .collect();
    assert_eq!(notice.len(), 1, "{to_bea:?}");
    assert!(notice[0].body.contains("The reason you gave: Bus strike"));
    assert_eq!(
        notice[0].body.contains("late cancellation"),
        cancelled.late,
        "{}",
        notice[0].body
    );
    // Cal chose no cancellation emails.
    assert!(
        subjects(&c, "cal@example.org")
            .await
            .iter()
            .all(|s| !s.starts_with("Cancelled:"))
    );
}
