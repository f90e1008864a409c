//! A manager adding, removing and moving volunteers on a shift's page — refusing the inactive,
//! the ineligible and a full shift, needing a reason to remove, a move all or nothing — and
//! other organisations, viewers and volunteers getting nothing from any shift page.

use axum::http::StatusCode;
use domain::rota::BookingStatus;

use crate::shift_changes::{Rota, input};

#[tokio::test]
async fn adding_refuses_the_inactive_the_ineligible_and_a_full_shift() {
    let r = Rota::new().await;
    let s = r.shift(&input(5, "10:00", "13:00", 1, 2)).await;
    let later = r.shift(&input(20, "10:00", "13:00", 1, 2)).await;
    let mut admin = r.w.site.signed_in(r.w.a.admin.email.as_str()).await;
    let add = r.path(&s, "/bookings");
    // Someone with no place in the organisation, and someone active only in another role.
    let vera = r.w.a.volunteer.id.to_string();
    admin
        .submit(&add, &[("person_id", &vera)])
        .await
        .assert_errors(&["person_id"])
        .assert_contains("Select a volunteer who is active");
    let scope = r.w.site.scope(&r.w.a.admin, &r.w.a.slug).await;
    let app = &r.w.site.app;
    let meals = input(5, "15:00", "16:00", 1, 2);
    let meals = app
        .add_shift(&scope, r.w.a.role, r.w.a.site, &meals)
        .await
        .unwrap();
    admin
        .submit(
            &r.path(&meals, "/bookings"),
            &[("person_id", &r.bea.id.to_string())],
        )
        .await
        .assert_errors(&["person_id"])
        .assert_contains("Bea Booker is not active in the role of this shift");
    admin
        .submit(&add, &[("person_id", "nobody")])
        .await
        .assert_errors(&["person_id"]);
    admin
        .submit(
            &r.path(&later, "/bookings"),
            &[("person_id", &r.bea.id.to_string())],
        )
        .await
        .assert_errors(&["person_id"])
        .assert_contains("Bea Booker cannot do this shift: Fire safety");
    let done = admin
        .submit(&add, &[("person_id", &r.bea.id.to_string())])
        .await;
    assert_eq!(done.redirect(), r.path(&s, "?done=added"));
    assert!(
        r.emails_to(&r.bea)
            .await
            .iter()
            .any(|m| m.subject == "You have a place on a shift")
    );
    admin
        .submit(&add, &[("person_id", &r.cal.id.to_string())])
        .await;
    let page = admin.get(&r.path(&s, "")).await;
    page.assert_contains("2 of 2 places filled; full")
        .assert_lacks(&format!("value=\"{}\"", r.dan.id));
    admin
        .submit(&add, &[("person_id", &r.dan.id.to_string())])
        .await
        .assert_status(StatusCode::CONFLICT)
        .assert_contains("This shift is full");
    assert_eq!(r.row(&s).await.booked, 2);
}

#[tokio::test]
async fn removing_needs_a_reason_and_a_move_is_all_or_nothing() {
    let r = Rota::new().await;
    let s = r.shift(&input(5, "10:00", "13:00", 1, 3)).await;
    let full = r.shift(&input(6, "10:00", "13:00", 1, 1)).await;
    let roomy = r.shift(&input(7, "10:00", "13:00", 1, 3)).await;
    let bea = r.book(&r.bea, &s).await;
    let cal = r.book(&r.cal, &s).await;
    r.book(&r.dan, &full).await;
    let mut admin = r.w.site.signed_in(r.w.a.admin.email.as_str()).await;

    let remove = r.path(&s, &format!("/bookings/{}/remove", cal.id));
    let field = format!("{}-reason", cal.id);
    admin
        .submit(&remove, &[("reason", "")])
        .await
        .assert_errors(&[field.as_str()]);
    let done = admin
        .submit(&remove, &[("reason", "Needed on another ward")])
        .await;
    assert_eq!(done.redirect(), r.path(&s, "?done=removed"));
    let gone = &r.w.site.app.my_bookings(r.cal.id).await.unwrap()[0];
    assert_eq!((gone.status, gone.late), (BookingStatus::Cancelled, false));
    assert!(
        r.emails_to(&r.cal)
            .await
            .iter()
            .any(|m| m.body.contains("Needed on another ward"))
    );

    let moving = r.path(&s, &format!("/bookings/{}/move", bea.id));
    admin
        .get(&moving)
        .await
        .assert_contains("Move Bea Booker to another shift")
        .assert_contains(&roomy.id.to_string())
        .assert_lacks(&format!("value=\"{}\"", full.id));
    let refused = admin
        .submit(&moving, &[("to_shift_id", &full.id.to_string())])
        .await;
    refused
        .assert_status(StatusCode::CONFLICT)
        .assert_contains("This shift is full");
    let mine = r.w.site.app.my_bookings(r.bea.id).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(
        (mine[0].id, mine[0].status),
        (bea.id, BookingStatus::Booked)
    );
    admin
        .submit(&moving, &[("to_shift_id", "")])
        .await
        .assert_errors(&["to_shift_id"]);

    let done = admin
        .submit(&moving, &[("to_shift_id", &roomy.id.to_string())])
        .await;
    assert_eq!(done.redirect(), r.path(&s, "?done=moved"));
    let mine = r.w.site.app.my_bookings(r.bea.id).await.unwrap();
    let standing: Vec<_> = mine
        .iter()
        .filter(|b| b.status == BookingStatus::Booked)
        .collect();
    assert_eq!(standing.len(), 1);
    assert_eq!(standing[0].shift_id, roomy.id);
    assert_eq!(r.row(&s).await.booked, 0);
}

#[tokio::test]
async fn other_organisations_viewers_and_volunteers_get_nothing() {
    let r = Rota::new().await;
    let s = r.shift(&input(5, "10:00", "13:00", 1, 3)).await;
    let bea = r.book(&r.bea, &s).await;
    let rests = [
        String::new(),
        "/edit".into(),
        "/series".into(),
        "/cancel".into(),
        format!("/bookings/{}/move", bea.id),
    ];
    let posts = [
        "/edit".to_owned(),
        "/series".into(),
        "/cancel".into(),
        "/bookings".into(),
        format!("/bookings/{}/remove", bea.id),
        format!("/bookings/{}/move", bea.id),
    ];
    let fields = [
        ("reason", "x"),
        ("person_id", "x"),
        ("to_shift_id", "x"),
        ("max_volunteers", "9"),
    ];
    let mut other = r.w.site.signed_in(r.w.b.admin.email.as_str()).await;
    let mut vol = r.w.site.signed_in("bea@example.org").await;
    for rest in &rests {
        let theirs = format!("/manage/{}/shifts/{}{rest}", r.w.b.slug, s.id);
        other
            .get(&theirs)
            .await
            .assert_status(StatusCode::NOT_FOUND);
        other
            .get(&r.path(&s, rest))
            .await
            .assert_status(StatusCode::NOT_FOUND);
        vol.get(&r.path(&s, rest))
            .await
            .assert_status(StatusCode::NOT_FOUND);
    }
    let mut viewer = r.w.site.signed_in(r.w.a_viewer.email.as_str()).await;
    viewer
        .get(&r.path(&s, ""))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Bea Booker")
        .assert_lacks("Change this shift")
        .assert_lacks("/remove");
    viewer
        .get(&r.path(&s, "/edit"))
        .await
        .assert_status(StatusCode::FORBIDDEN);
    for rest in &posts {
        let theirs = format!("/manage/{}/shifts/{}{rest}", r.w.b.slug, s.id);
        other
            .submit(&theirs, &fields)
            .await
            .assert_status(StatusCode::NOT_FOUND);
        vol.submit(&r.path(&s, rest), &fields)
            .await
            .assert_status(StatusCode::NOT_FOUND);
        viewer
            .submit(&r.path(&s, rest), &fields)
            .await
            .assert_status(StatusCode::FORBIDDEN);
    }
    assert_eq!(r.row(&s).await.shift, s);
    assert_eq!(r.row(&s).await.booked, 1);
}
