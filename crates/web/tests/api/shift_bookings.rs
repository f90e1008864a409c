//! A shift's volunteers through the API: adding (only the active and eligible, never beyond
//! the maximum), moving (all or nothing), removing (with a reason); bad changes named by field;
//! another organisation's token getting 404 on every managers' shift route and a viewer's 403.

use axum::http::{Method, StatusCode};
use domain::rota::BookingStatus;
use serde_json::json;

use crate::shift_changes::{Rota, change, day, input};
use crate::support::person;

#[tokio::test]
async fn adding_removing_and_moving_volunteers() {
    let r = Rota::new().await;
    let s = r.shift(&input(5, "10:00", "13:00", 2)).await;
    let full = r.shift(&input(6, "10:00", "13:00", 1)).await;
    let roomy = r.shift(&input(7, "10:00", "13:00", 2)).await;
    let ineligible = r.shift(&input(20, "10:00", "13:00", 2)).await;
    r.book(2, &full).await;
    let add = format!("/api/v1/shifts/{}/bookings", s.id);
    let stranger = person(&r.w.app, "Sid", "sid@volunteers.example").await;
    for who in [stranger.to_string(), "not-an-id".into()] {
        let refused = r.send(Method::POST, &add, json!({"person_id": who})).await;
        refused.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(refused.error_fields(), ["person_id"]);
    }
    let later = format!("/api/v1/shifts/{}/bookings", ineligible.id);
    let blocked = r
        .send(Method::POST, &later, json!({"person_id": r.people[0]}))
        .await;
    blocked.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        blocked.body.to_string().contains("Fire safety"),
        "{}",
        blocked.body
    );
    let added = r
        .send(Method::POST, &add, json!({"person_id": r.people[0]}))
        .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
    assert_eq!(added.body["status"], "booked");
    let bea = added.id();
    r.send(Method::POST, &add, json!({"person_id": r.people[1]}))
        .await;
    r.send(Method::POST, &add, json!({"person_id": r.people[2]}))
        .await
        .assert_problem(StatusCode::CONFLICT);

    // Moving into a full shift changes nothing.
    let moving = format!("/api/v1/shifts/{}/bookings/{bea}/move", s.id);
    r.send(
        Method::POST,
        &moving,
        json!({"to_shift_id": full.id.to_string()}),
    )
    .await
    .assert_problem(StatusCode::CONFLICT);
    assert_eq!(r.row(&s).await.booked, 2);
    assert_eq!(r.row(&full).await.booked, 1);
    let bad = r
        .send(Method::POST, &moving, json!({"to_shift_id": "elsewhere"}))
        .await;
    bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["to_shift_id"]);
    let moved = r
        .send(
            Method::POST,
            &moving,
            json!({"to_shift_id": roomy.id.to_string(), "reason": "Swap"}),
        )
        .await;
    assert_eq!(moved.status, StatusCode::CREATED, "{}", moved.body);
    assert_eq!(moved.body["shift_id"], roomy.id.to_string());
    assert_eq!((r.row(&s).await.booked, r.row(&roomy).await.booked), (1, 1));

    // Removing needs a reason, in the body or the query.
    let cal = r.w.get(&add, &r.w.a.token).await.body["booked"][0]["id"].clone();
    let remove = format!("/api/v1/shifts/{}/bookings/{}", s.id, cal.as_str().unwrap());
    let none =
        r.w.call(Method::DELETE, &remove, Some(&r.w.a.token), None)
            .await;
    none.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(none.error_fields(), ["reason"]);
    let gone =
        r.w.call(
            Method::DELETE,
            &format!("{remove}?reason=Needed%20elsewhere"),
            Some(&r.w.a.token),
            None,
        )
        .await;
    assert_eq!(gone.status, StatusCode::OK, "{}", gone.body);
    assert_eq!(
        (
            &gone.body["status"],
            &gone.body["late"],
            &gone.body["cancellation_reason"]
        ),
        (
            &json!("cancelled"),
            &json!(false),
            &json!("Needed elsewhere")
        )
    );
    r.send(Method::DELETE, &remove, json!({"reason": "Twice"}))
        .await
        .assert_problem(StatusCode::CONFLICT);
    let mine = r.w.app.my_bookings(r.people[1]).await.unwrap();
    assert_eq!(mine[0].status, BookingStatus::Cancelled);
}

#[tokio::test]
async fn bad_changes_are_named_and_nothing_is_saved() {
    let r = Rota::new().await;
    let s = r.shift(&input(5, "10:00", "13:00", 3)).await;
    let path = format!("/api/v1/shifts/{}", s.id);
    let bad = r
        .send(
            Method::PUT,
            &path,
            json!({"date": "31 February 2027", "start_time": "25:00", "end_time": "",
                "min_volunteers": "many", "max_volunteers": 0, "supervisor_id": "someone"}),
        )
        .await;
    bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    let mut fields = bad.error_fields();
    fields.sort();
    assert_eq!(
        fields,
        [
            "date",
            "end_time",
            "max_volunteers",
            "min_volunteers",
            "start_time",
            "supervisor_id"
        ]
    );
    r.send(Method::PUT, &path, json!(["not", "an", "object"]))
        .await
        .assert_problem(StatusCode::BAD_REQUEST);
    let past = r
        .send(Method::PUT, &path, change(day(-3), "10:00", "13:00", 3))
        .await;
    assert_eq!(past.error_fields(), ["date"], "{}", past.body);
    assert_eq!(r.row(&s).await.shift, s);
}

#[tokio::test]
async fn other_organisations_get_404_and_viewers_403_on_every_route() {
    let r = Rota::new().await;
    let s = r.shift(&input(5, "10:00", "13:00", 3)).await;
    let b = r.book(0, &s).await;
    let base = format!("/api/v1/shifts/{}", s.id);
    let routes = [
        (Method::PUT, base.clone()),
        (Method::PUT, format!("{base}/series")),
        (Method::POST, format!("{base}/cancel")),
        (Method::GET, format!("{base}/bookings")),
        (Method::POST, format!("{base}/bookings")),
        (Method::DELETE, format!("{base}/bookings/{}", b.id)),
        (Method::POST, format!("{base}/bookings/{}/move", b.id)),
    ];
    let body = json!({"reason": "x", "person_id": r.people[1], "to_shift_id": s.id.to_string(),
        "date": day(5).to_string(), "start_time": "10:00", "end_time": "11:00",
        "min_volunteers": 1, "max_volunteers": 1});
    let viewer = r.w.staff_token(&r.w.a, "viewer").await;
    for (method, path) in &routes {
        let theirs =
            r.w.send(method.clone(), path, &r.w.b.token, body.clone())
                .await;
        theirs.assert_problem(StatusCode::NOT_FOUND);
        let seen = r.w.send(method.clone(), path, &viewer, body.clone()).await;
        if *method == Method::GET {
            assert_eq!(seen.status, StatusCode::OK, "{}", seen.body);
        } else {
            seen.assert_problem(StatusCode::FORBIDDEN);
        }
    }
    assert_eq!(r.row(&s).await.shift, s);
    assert_eq!(r.row(&s).await.booked, 1);
}
