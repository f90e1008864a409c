//! Another organisation's staff and volunteers get nothing from any attendance or hours page.

use axum::http::StatusCode;

use super::fixture::{Att, kiosk_request};

#[tokio::test]
async fn another_organisations_people_get_nothing_on_every_route() {
    let t = Att::new().await;
    let app = &t.w.site.app;
    let shift = t.shift(t.w.a.site, -240, 3).await;
    let booking = t.book(&shift, t.sam.id).await;
    let scope = t.admin_scope().await;
    let hours = app
        .log_hours(
            t.sam.id,
            &t.role.to_string(),
            &domain::rota::hours::HoursInput {
                date: domain::rota::from_utc(shift.starts_at).date().to_string(),
                hours: "2".into(),
                minutes: String::new(),
                description: "Calls".into(),
            },
        )
        .await
        .unwrap();
    t.set_kiosk_code(t.w.a.site, "123456").await;

    // B's admin, signed in, on each of A's pages and forms.
    let mut b_admin = t.w.site.signed_in(t.w.b.admin.email.as_str()).await;
    let a = |rest: &str| t.w.a.path(rest);
    for path in [
        a("/attendance"),
        a(&format!("/shifts/{}/register", shift.id)),
        a(&format!("/sites/{}/kiosk", t.w.a.site)),
        a("/hours"),
        a("/hours/totals"),
        a("/hours/totals.csv"),
    ] {
        let page = b_admin.get(&path).await;
        page.assert_status(StatusCode::NOT_FOUND)
            .assert_lacks("Sam");
    }
    for (path, fields) in [
        (
            a(&format!("/shifts/{}/register/{}", shift.id, booking.id)),
            vec![("status", "attended")],
        ),
        (
            a(&format!("/sites/{}/kiosk", t.w.a.site)),
            vec![("kiosk_code", "999999")],
        ),
        (a(&format!("/hours/{}/approve", hours.id)), vec![]),
        (
            a(&format!("/hours/{}/query", hours.id)),
            vec![("message", "Mine?")],
        ),
    ] {
        b_admin
            .submit(&path, &fields)
            .await
            .assert_status(StatusCode::NOT_FOUND);
    }
    // B's admin in their own organisation, with A's records: not found either.
    let b = |rest: &str| t.w.b.path(rest);
    for path in [
        b(&format!("/shifts/{}/register", shift.id)),
        b(&format!("/sites/{}/kiosk", t.w.a.site)),
    ] {
        b_admin
            .get(&path)
            .await
            .assert_status(StatusCode::NOT_FOUND);
    }
    for (path, fields) in [
        (
            b(&format!("/shifts/{}/register/{}", shift.id, booking.id)),
            vec![("status", "attended")],
        ),
        (b(&format!("/hours/{}/approve", hours.id)), vec![]),
        (
            b(&format!("/hours/{}/query", hours.id)),
            vec![("message", "Mine?")],
        ),
    ] {
        b_admin
            .submit(&path, &fields)
            .await
            .assert_status(StatusCode::NOT_FOUND);
    }
    b_admin
        .get(&b("/hours"))
        .await
        .assert_status(StatusCode::OK)
        .assert_lacks("Sam Sutton");
    b_admin
        .get(&b("/attendance"))
        .await
        .assert_status(StatusCode::OK)
        .assert_lacks(&shift.id.to_string());

    // B's volunteer cannot see or use A's volunteer's booking or hours.
    let mut vera_b = t.w.site.signed_in(t.w.b.volunteer.email.as_str()).await;
    let check_in = format!("/my/shifts/{}/check-in", booking.id);
    vera_b
        .get(&check_in)
        .await
        .assert_status(StatusCode::NOT_FOUND);
    vera_b
        .submit(&check_in, &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    vera_b
        .get(&format!("/my/hours/{}", hours.id))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    vera_b.get("/my/hours").await.assert_lacks("Calls");

    // A's kiosk code does not unlock B's site, nor A's kiosk under B's name.
    let mut device = t.w.site.browser();
    let b_site = t.w.b.site;
    kiosk_request(
        &mut device,
        &format!("/kiosk/{}/{b_site}/unlock", t.w.b.slug),
        None,
        &[("kiosk_code", "123456")],
    )
    .await
    .assert_errors(&["kiosk_code"]);
    kiosk_request(
        &mut device,
        &format!("/kiosk/{}/{}/unlock", t.w.b.slug, t.w.a.site),
        None,
        &[("kiosk_code", "123456")],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);

    // Nothing of A's changed.
    assert_eq!(t.recorded(booking.id).await, None);
    let still = app.hours_entry(&scope, hours.id).await.unwrap();
    assert_eq!(
        still.log.status,
        domain::rota::hours::HoursStatus::Submitted
    );
}
