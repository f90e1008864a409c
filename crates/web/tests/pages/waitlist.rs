//! Waiting lists through the pages: a full shift offers its waiting list; a freed place is
//! offered to the first in line by email, held for them, taken or passed on; managers see the
//! history; another organisation's people get nothing.

use axum::http::StatusCode;
use chrono::{Duration, Utc};
use domain::person::Person;
use domain::rota::{Shift, ShiftInput, WaitlistStatus};

use crate::support::World;

struct Full {
    w: World,
    shift: Shift,
    amy: Person,
    ben: Person,
    cat: Person,
}

/// A one-place shift in a week's time, which Amy has; Ben and Cat are active in its role too.
async fn full_shift() -> Full {
    let w = World::new().await;
    let app = &w.site.app;
    let scope = w.site.scope(&w.a.admin, &w.a.slug).await;
    let role = w
        .site
        .open_role_without_checks(&scope, "Ward visitor", w.a.site)
        .await;
    let amy = w
        .site
        .person("Amy", "First", "amy@example.org", "1980-01-01")
        .await;
    let ben = w
        .site
        .person("Ben", "Second", "ben@example.org", "1981-01-01")
        .await;
    let cat = w
        .site
        .person("Cat", "Third", "cat@example.org", "1982-01-01")
        .await;
    for p in [&amy, &ben, &cat] {
        w.site.active_in(&scope, p, role).await;
    }
    let input = ShiftInput {
        date: (Utc::now().date_naive() + Duration::days(7)).to_string(),
        start_time: "10:00".into(),
        end_time: "13:00".into(),
        min_volunteers: "1".into(),
        max_volunteers: "1".into(),
        notes: String::new(),
    };
    let shift = app.add_shift(&scope, role, w.a.site, &input).await.unwrap();
    app.book_shift(amy.id, &w.a.slug, shift.id).await.unwrap();
    Full {
        w,
        shift,
        amy,
        ben,
        cat,
    }
}

#[tokio::test]
async fn a_freed_place_goes_to_the_first_in_line_who_takes_it() {
    let f = full_shift().await;
    let slug = &f.w.a.slug;
    let wait = format!("/my/shifts/{slug}/{}/wait", f.shift.id);

    // Ben sees the shift is full and joins the waiting list; booking it is refused.
    let mut ben = f.w.site.signed_in("ben@example.org").await;
    ben.get("/my/shifts/available")
        .await
        .assert_contains("Full")
        .assert_contains(&wait);
    ben.submit(&format!("/my/shifts/{slug}/{}/book", f.shift.id), &[])
        .await
        .assert_status(StatusCode::CONFLICT)
        .assert_contains("This shift is full");
    let joined = ben.submit(&wait, &[]).await;
    assert_eq!(joined.redirect(), "/my/shifts/waiting?done=joined");
    ben.get("/my/shifts/waiting")
        .await
        .assert_contains("you are next in line");
    // Joining twice is refused, saying why.
    ben.submit(&wait, &[])
        .await
        .assert_status(StatusCode::CONFLICT)
        .assert_contains("already on the waiting list");
    let mut cat = f.w.site.signed_in("cat@example.org").await;
    cat.submit(&wait, &[]).await;
    cat.get("/my/shifts/waiting")
        .await
        .assert_contains("number 2 in line");

    // Amy cancels: Ben is offered the place by email and it is held for him, even from Cat.
    let amy_booking = f.w.site.app.my_bookings(f.amy.id).await.unwrap()[0].id;
    f.w.site
        .app
        .cancel_booking(f.amy.id, amy_booking, "Going on holiday")
        .await
        .unwrap();
    let mail = f.w.site.app.store.recent_messages(10).await.unwrap();
    assert!(
        mail.iter()
            .any(|m| m.to == "ben@example.org" && m.subject.starts_with("A place has come up")),
        "{mail:?}"
    );
    cat.submit(&format!("/my/shifts/{slug}/{}/book", f.shift.id), &[])
        .await
        .assert_status(StatusCode::CONFLICT);
    let page = ben.get("/my/shifts/waiting").await;
    page.assert_contains("A place is yours if you want it");
    let entry = f.w.site.app.my_waiting(f.ben.id).await.unwrap()[0].entry.id;

    // Ben passes it on: Cat is offered it and takes it.
    let passed = ben
        .submit(&format!("/my/waiting/{slug}/{entry}/pass"), &[])
        .await;
    assert_eq!(passed.redirect(), "/my/shifts/waiting?done=passed");
    let cat_entry = f.w.site.app.my_waiting(f.cat.id).await.unwrap()[0]
        .entry
        .clone();
    assert_eq!(cat_entry.status, WaitlistStatus::Offered);
    let took = cat
        .submit(&format!("/my/waiting/{slug}/{}/accept", cat_entry.id), &[])
        .await;
    assert_eq!(took.redirect(), "/my/shifts?done=booked");
    let booked = f.w.site.app.my_bookings(f.cat.id).await.unwrap();
    assert_eq!(booked.len(), 1);
    assert_eq!(booked[0].shift_id, f.shift.id);

    // The manager sees the whole history.
    let scope = f.w.site.scope(&f.w.a.admin, slug).await;
    let history: Vec<_> =
        f.w.site
            .app
            .shift_waitlist(&scope, f.shift.id)
            .await
            .unwrap()
            .into_iter()
            .map(|l| (l.entry.person_id, l.entry.status))
            .collect();
    assert_eq!(
        history,
        vec![
            (f.ben.id, WaitlistStatus::Passed),
            (f.cat.id, WaitlistStatus::Accepted)
        ]
    );
    let mut manager = f.w.site.signed_in(f.w.a.admin.email.as_str()).await;
    manager
        .get(&format!(
            "/manage/{slug}/shifts/{}/waiting-list",
            f.shift.id
        ))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Ben Second")
        .assert_contains("Passed it on")
        .assert_contains("Took the place");
}

#[tokio::test]
async fn waiting_lists_are_refused_when_places_are_left_and_leaving_frees_an_offer() {
    let f = full_shift().await;
    let slug = &f.w.a.slug;
    let app = &f.w.site.app;
    app.join_waitlist(f.ben.id, slug, f.shift.id).await.unwrap();
    app.join_waitlist(f.cat.id, slug, f.shift.id).await.unwrap();
    let amy_booking = app.my_bookings(f.amy.id).await.unwrap()[0].id;
    app.cancel_booking(f.amy.id, amy_booking, "Unwell")
        .await
        .unwrap();
    // Ben holds the offer, then leaves the list: it goes straight to Cat.
    let mut ben = f.w.site.signed_in("ben@example.org").await;
    let entry = app.my_waiting(f.ben.id).await.unwrap()[0].entry.id;
    let left = ben
        .submit(&format!("/my/waiting/{slug}/{entry}/leave"), &[])
        .await;
    assert_eq!(left.redirect(), "/my/shifts/waiting?done=left");
    assert_eq!(
        app.my_waiting(f.cat.id).await.unwrap()[0].entry.status,
        WaitlistStatus::Offered
    );
    // An answer to an offer that is not theirs finds nothing.
    let cat_entry = app.my_waiting(f.cat.id).await.unwrap()[0].entry.id;
    ben.submit(&format!("/my/waiting/{slug}/{cat_entry}/accept"), &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    // Cat passes: nobody is left waiting, so the place is free to book — and waiting is refused.
    app.answer_offer(f.cat.id, slug, cat_entry, app::waitlist::OfferAnswer::Pass)
        .await
        .unwrap();
    ben.submit(&format!("/my/shifts/{slug}/{}/wait", f.shift.id), &[])
        .await
        .assert_status(StatusCode::CONFLICT)
        .assert_contains("book one instead");
}

#[tokio::test]
async fn another_organisation_gets_nothing_from_waiting_lists() {
    let f = full_shift().await;
    let app = &f.w.site.app;
    app.join_waitlist(f.ben.id, &f.w.a.slug, f.shift.id)
        .await
        .unwrap();
    let entry = app.my_waiting(f.ben.id).await.unwrap()[0].entry.id;
    // Organisation B's slug with A's shift or entry: not found.
    assert!(matches!(
        app.join_waitlist(f.cat.id, &f.w.b.slug, f.shift.id).await,
        Err(app::AppError::NotFound)
    ));
    let mut ben = f.w.site.signed_in("ben@example.org").await;
    ben.submit(&format!("/my/waiting/{}/{entry}/leave", f.w.b.slug), &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    // B's admin sees nothing of A's list; a volunteer cannot see the manager's page.
    let mut b_admin = f.w.site.signed_in(f.w.b.admin.email.as_str()).await;
    b_admin
        .get(&format!(
            "/manage/{}/shifts/{}/waiting-list",
            f.w.b.slug, f.shift.id
        ))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    b_admin
        .get(&format!(
            "/manage/{}/shifts/{}/waiting-list",
            f.w.a.slug, f.shift.id
        ))
        .await
        .assert_lacks("Ben Second");
    ben.get(&format!(
        "/manage/{}/shifts/{}/waiting-list",
        f.w.a.slug, f.shift.id
    ))
    .await
    .assert_lacks("Ben Second");
    // A supervisor of another site sees nothing of a shift's list at a site they do not look
    // after; at their own site they see it.
    let scope = f.w.site.scope(&f.w.a.admin, &f.w.a.slug).await;
    let elsewhere = f.w.site.site(&scope, "Outpatients").await;
    let clinic =
        f.w.site
            .open_role_without_checks(&scope, "Clinic guide", elsewhere)
            .await;
    let input = domain::rota::ShiftInput {
        date: (Utc::now().date_naive() + Duration::days(9)).to_string(),
        start_time: "10:00".into(),
        end_time: "12:00".into(),
        min_volunteers: "1".into(),
        max_volunteers: "2".into(),
        notes: String::new(),
    };
    let other = app
        .add_shift(&scope, clinic, elsewhere, &input)
        .await
        .unwrap();
    let mut supervisor = f.w.site.signed_in(f.w.a_supervisor.email.as_str()).await;
    supervisor
        .get(&format!(
            "/manage/{}/shifts/{}/waiting-list",
            f.w.a.slug, f.shift.id
        ))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Ben Second");
    supervisor
        .get(&format!(
            "/manage/{}/shifts/{}/waiting-list",
            f.w.a.slug, other.id
        ))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    // Someone who is not active in the role cannot join.
    let outsider =
        f.w.site
            .person("Dee", "Outside", "dee@example.org", "1970-01-01")
            .await;
    assert!(matches!(
        app.join_waitlist(outsider.id, &f.w.a.slug, f.shift.id)
            .await,
        Err(app::AppError::NotFound)
    ));
}
