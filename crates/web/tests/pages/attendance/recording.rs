//! Checking in on the volunteer's own phone (only near the start), staff marking attendance
//! afterwards (supervisors at their sites; edits audited; bad times refused whole), and no-shows
//! recorded exactly once by the job after the shift, with a kind prompt for managers.

use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use domain::rota::attendance::{AttendanceMethod, AttendanceStatus};
use domain::rota::from_utc;

use super::fixture::Att;

fn clock(t: DateTime<Utc>) -> String {
    from_utc(t).format("%H:%M").to_string()
}

#[tokio::test]
async fn phone_check_in_is_refused_too_early_and_allowed_near_the_start() {
    let t = Att::new().await;
    let soon = t.book(&t.shift(t.w.a.site, 20, 2).await, t.sam.id).await;
    let later = t.book(&t.shift(t.w.a.site, 180, 2).await, t.sam.id).await;
    let mut sam = t.w.site.signed_in("sam@example.org").await;

    // The shifts page links to checking in.
    sam.get("/my/shifts")
        .await
        .assert_contains(&format!("/my/shifts/{}/check-in", soon.id));

    // Three hours before: refused, saying from when.
    let path = format!("/my/shifts/{}/check-in", later.id);
    sam.get(&path)
        .await
        .assert_status(StatusCode::OK)
        .assert_lacks("Check in now");
    let early = sam.submit(&path, &[]).await;
    early
        .assert_errors(&["attendance"])
        .assert_contains("It is too early to check in. You can check in from")
        .assert_contains("30 minutes before the shift starts");
    assert_eq!(t.recorded(later.id).await, None);

    // Twenty minutes before: checked in, once.
    let path = format!("/my/shifts/{}/check-in", soon.id);
    sam.get(&path).await.assert_contains("Check in now");
    let done = sam.submit(&path, &[]).await;
    assert_eq!(done.redirect(), format!("{path}?done=in"));
    let a = t.recorded(soon.id).await.expect("checked in");
    assert_eq!(a.method, AttendanceMethod::Phone);
    assert!(a.is_checked_in());
    sam.get(&format!("{path}?done=in"))
        .await
        .assert_contains("You are checked in")
        .assert_contains("Check out now");
    sam.submit(&path, &[])
        .await
        .assert_errors(&["attendance"])
        .assert_contains("You are already checked in to this shift");
    // Without the form token: refused.
    sam.post(&path, &[])
        .await
        .assert_status(StatusCode::FORBIDDEN);

    let out = sam
        .submit(&format!("/my/shifts/{}/check-out", soon.id), &[])
        .await;
    assert_eq!(out.redirect(), format!("{path}?done=out"));
    assert!(t.recorded(soon.id).await.unwrap().left_at.is_some());
    sam.submit(&format!("/my/shifts/{}/check-out", soon.id), &[])
        .await
        .assert_errors(&["attendance"])
        .assert_contains("You have already checked out");

    // Someone else's booking is not found.
    let mut ria = t.w.site.signed_in("ria@example.org").await;
    ria.get(&path).await.assert_status(StatusCode::NOT_FOUND);
    ria.submit(&path, &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    ria.get("/my/shifts/not-an-id/check-in")
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn staff_mark_attendance_afterwards_and_every_change_is_audited() {
    let t = Att::new().await;
    // Started four hours ago, three hours long; another at the second site, earlier.
    let shift = t.shift(t.w.a.site, -240, 3).await;
    let sam = t.book(&shift, t.sam.id).await;
    let ria = t.book(&shift, t.ria.id).await;
    let annexe = t.shift(t.site2, -480, 3).await;
    let annexe_sam = t.book(&annexe, t.ria.id).await;
    let register = t.w.a.path(&format!("/shifts/{}/register", shift.id));
    let mark = |b: domain::ids::BookingId| format!("{register}/{b}");

    // The overview links to the register.
    let mut admin = t.w.site.signed_in(t.w.a.admin.email.as_str()).await;
    admin
        .get(&t.w.a.path("/attendance"))
        .await
        .assert_contains(&register);
    admin
        .get(&register)
        .await
        .assert_contains("Sam Sutton")
        .assert_contains("Ria Rahman")
        .assert_contains("Nothing recorded yet");

    // Bad times: the error summary names the row's field, and nothing is saved.
    let arrived = clock(shift.starts_at + Duration::minutes(5));
    let bad = admin
        .submit(
            &mark(sam.id),
            &[
                ("status", "attended"),
                ("arrived", &arrived),
                ("left", &clock(shift.starts_at - Duration::minutes(30))),
            ],
        )
        .await;
    bad.assert_errors(&[&format!("{}-left", sam.id)])
        .assert_contains("The time they left must be after the time they arrived");
    assert_eq!(t.recorded(sam.id).await, None);
    admin
        .submit(&mark(sam.id), &[("status", "paid")])
        .await
        .assert_errors(&[&format!("{}-status", sam.id)]);

    // Attended with times, then changed to did not attend: both saved and audited.
    let left = clock(shift.ends_at);
    let saved = admin
        .submit(
            &mark(sam.id),
            &[
                ("status", "attended"),
                ("arrived", &arrived),
                ("left", &left),
            ],
        )
        .await;
    assert!(saved.redirect().contains("done=marked"));
    let a = t.recorded(sam.id).await.unwrap();
    assert_eq!(a.status, AttendanceStatus::Attended);
    assert_eq!(a.arrived_at, Some(shift.starts_at + Duration::minutes(5)));
    assert_eq!(a.left_at, Some(shift.ends_at));
    assert_eq!(a.method, AttendanceMethod::Staff);
    assert_eq!(a.recorded_by, Some(t.w.a.admin.id));
    admin
        .submit(&mark(sam.id), &[("status", "no_show")])
        .await
        .redirect();
    let changed = t.recorded(sam.id).await.unwrap();
    assert_eq!(changed.id, a.id);
    assert_eq!(changed.status, AttendanceStatus::NoShow);
    assert_eq!(changed.arrived_at, None);
    let audit =
        t.w.site
            .app
            .store
            .audit_for(Some(t.w.a.id), a.id.0)
            .await
            .unwrap();
    let details: Vec<&str> = audit
        .iter()
        .filter(|e| e.action == "attendance.marked")
        .map(|e| e.detail.as_str())
        .collect();
    assert_eq!(
        details,
        [
            format!("did not attend (was attended, {arrived} to {left})"),
            format!("attended, {arrived} to {left} (was nothing recorded)"),
        ]
    );

    // The site's supervisor marks; a viewer sees but cannot; the supervisor cannot see the
    // other site's register.
    let mut sue = t.w.site.signed_in("supervisor@trust.example.org").await;
    sue.get(&register)
        .await
        .assert_contains("Did Ria Rahman come?");
    let marked = sue
        .submit(&mark(ria.id), &[("status", "cancelled_late")])
        .await;
    assert!(marked.redirect().contains("done=marked"));
    assert_eq!(
        t.recorded(ria.id).await.unwrap().status,
        AttendanceStatus::CancelledLate
    );
    let annexe_register = t.w.a.path(&format!("/shifts/{}/register", annexe.id));
    sue.get(&annexe_register)
        .await
        .assert_status(StatusCode::NOT_FOUND);
    sue.submit(
        &format!("{annexe_register}/{}", annexe_sam.id),
        &[("status", "attended")],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    let mut vic = t.w.site.signed_in("viewer@trust.example.org").await;
    vic.get(&register)
        .await
        .assert_status(StatusCode::OK)
        .assert_lacks("Did Ria Rahman come?");
    vic.submit(&mark(ria.id), &[("status", "attended")])
        .await
        .assert_status(StatusCode::FORBIDDEN);
    assert_eq!(
        t.recorded(ria.id).await.unwrap().status,
        AttendanceStatus::CancelledLate
    );
}

#[tokio::test]
async fn no_shows_are_recorded_once_after_the_shift_with_a_kind_prompt() {
    let t = Att::new().await;
    let app = &t.w.site.app;
    // Ended two hours ago: Sam checked in, Ria did not.
    let first = t.shift(t.w.a.site, -300, 3).await;
    let came = t.book(&first, t.sam.id).await;
    let missed = t.book(&first, t.ria.id).await;
    let checked_in = domain::rota::attendance::Attendance::check_in(
        &came,
        None,
        AttendanceMethod::Kiosk,
        60,
        first.starts_at,
        "code",
    )
    .unwrap();
    app.store
        .apply(vec![app::Write::InsertAttendance(checked_in.clone())])
        .await
        .unwrap();
    // Still under way, and ended only half an hour ago: not yet.
    let under_way = t.book(&t.shift(t.site2, -60, 3).await, t.ria.id).await;
    let just_ended = t.book(&t.shift(t.site2, -100, 1).await, t.sam.id).await;

    for _ in 0..3 {
        app.schedule_jobs().await.unwrap();
        app.run_jobs("test-worker", 100).await.unwrap();
    }
    let recorded = t.recorded(missed.id).await.expect("a no-show");
    assert_eq!(recorded.status, AttendanceStatus::NoShow);
    assert_eq!(recorded.method, AttendanceMethod::Automatic);
    assert_eq!(t.recorded(came.id).await, Some(checked_in));
    assert_eq!(t.recorded(under_way.id).await, None);
    assert_eq!(t.recorded(just_ended.id).await, None);
    let on_shift = app.store.attendance_on(t.w.a.id, first.id).await.unwrap();
    assert_eq!(
        on_shift.len(),
        2,
        "one record per place, however often the job runs"
    );
    let jobs = app.store.jobs_with_prefix("no-shows:").await.unwrap();
    assert_eq!(jobs, vec![(format!("no-shows:{}", first.id), true)]);

    // One missed shift: counted, no prompt yet. Two: a kind prompt.
    let mut admin = t.w.site.signed_in(t.w.a.admin.email.as_str()).await;
    let page = admin.get(&t.w.a.path("/attendance")).await;
    let row = page.row("Ria Rahman").expect("Ria is listed");
    assert!(row.contains("<td>1</td>"), "{row}");
    page.assert_lacks("a friendly check-in call may help");
    let second = t.shift(t.w.a.site, -600, 2).await;
    t.book(&second, t.ria.id).await;
    app.schedule_jobs().await.unwrap();
    app.run_jobs("test-worker", 100).await.unwrap();
    let page = admin.get(&t.w.a.path("/attendance")).await;
    page.assert_contains("Ria has missed 2 shifts since")
        .assert_contains("a friendly check-in call may help.");
    assert!(page.row("Sam Sutton").is_none());
}
