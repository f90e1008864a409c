//! Learning events in the API: an organisation's token adds events (bad input named, 422), lists
//! and reads them with how full they are, reads registrations in order with the waiting list,
//! and marks attendance only once an event has started; another organisation's token finds none.

use std::sync::Arc;

use app::{App, FixedClock};
use axum::http::{Method, StatusCode};
use chrono::Duration;
use serde_json::{Value, json};

use crate::support::{World, person, world};

pub fn event_body(date: &str, capacity: u32) -> Value {
    json!({
        "title": "Recruiting younger volunteers",
        "description": "Ideas that worked",
        "visibility": "public",
        "format": "online",
        "joining_link": "https://meet.example.org/abc",
        "date": date,
        "start_time": "10:00",
        "end_time": "12:00",
        "capacity": capacity,
        "member_price": "0",
        "non_member_price": "12.50",
        "series": "Learning programme"
    })
}

pub fn in_days(w: &World, days: i64) -> String {
    (w.app.uk_today() + Duration::days(days)).to_string()
}

/// Org A's public event with one place, taken by a signed-up person: (event id, registration id).
pub async fn an_event_with_a_registration(w: &World) -> (String, String) {
    let made = w
        .send(
            Method::POST,
            "/api/v1/events",
            &w.a.token,
            event_body(&in_days(w, 7), 1),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let id: domain::ids::EventId = made.id().parse().unwrap();
    let someone = person(&w.app, "Reg", &format!("reg-{id}@example.org")).await;
    let host = w
        .app
        .public_organisation_event_host(w.a.slug, Some(someone))
        .await
        .unwrap();
    let r = w.app.register_for_event(&host, id).await.unwrap();
    (id.to_string(), r.id.to_string())
}

#[tokio::test]
async fn events_registrations_and_attendance_through_the_api() {
    let w = world().await;
    let bad = w
        .send(
            Method::POST,
            "/api/v1/events",
            &w.a.token,
            json!({"title": "", "format": "in_person", "date": "2027-02-30", "capacity": 0}),
        )
        .await;
    bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bad.error_fields(),
        [
            "title",
            "visibility",
            "venue",
            "date",
            "start_time",
            "end_time",
            "capacity",
            "member_price",
            "non_member_price"
        ]
    );
    let (id, first) = an_event_with_a_registration(&w).await;
    let id_typed: domain::ids::EventId = id.parse().unwrap();
    let second = person(&w.app, "Wait", "wait@example.org").await;
    let host = w
        .app
        .public_organisation_event_host(w.a.slug, Some(second))
        .await
        .unwrap();
    w.app.register_for_event(&host, id_typed).await.unwrap();

    let listed = w.get("/api/v1/events", &w.a.token).await;
    assert_eq!(listed.status, StatusCode::OK);
    let events: Value = listed.body.clone();
    assert_eq!(events.as_array().unwrap().len(), 1);
    let one = w.get(&format!("/api/v1/events/{id}"), &w.a.token).await;
    let event: Value = one.body.clone();
    assert_eq!(event["places_left"], 0);
    assert_eq!(event["waiting"], 1);
    assert_eq!(event["non_member_price_pence"], 1250);
    assert_eq!(event["cpd_minutes"], 120);

    let regs = w
        .get(&format!("/api/v1/events/{id}/registrations"), &w.a.token)
        .await;
    let regs: Value = regs.body.clone();
    let statuses: Vec<&str> = regs
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["registered", "waitlisted"]);
    assert_eq!(regs[0]["price_pence"], 1250);

    // Not before the start; and `attended` must be said.
    let path = format!("/api/v1/events/{id}/registrations/{first}/attendance");
    w.send(Method::POST, &path, &w.a.token, json!({"attended": true}))
        .await
        .assert_problem(StatusCode::CONFLICT);
    let start = w
        .app
        .store
        .learning_event(id_typed)
        .await
        .unwrap()
        .unwrap()
        .starts_at;
    let later = App::new(
        w.app.store.clone(),
        Arc::new(FixedClock(start + Duration::hours(1))),
        "http://localhost",
    );
    let later = World {
        router: alongside_web::router(alongside_web::AppState {
            app: Arc::new(later.clone()),
            secure_cookies: false,
            trust_forwarded_for: false,
        }),
        app: Arc::new(later),
        a: crate::support::Org {
            slug: w.a.slug,
            admin: w.a.admin,
            token: w.a.token.clone(),
        },
        b: crate::support::Org {
            slug: w.b.slug,
            admin: w.b.admin,
            token: w.b.token.clone(),
        },
    };
    let missing = later.send(Method::POST, &path, &w.a.token, json!({})).await;
    missing.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(missing.error_fields(), ["attended"]);
    let marked = later
        .send(Method::POST, &path, &w.a.token, json!({"attended": true}))
        .await;
    assert_eq!(marked.status, StatusCode::OK, "{}", marked.body);
    let marked: Value = marked.body.clone();
    assert_eq!(marked["status"], "attended");

    // Another organisation's token sees none of it.
    let theirs = w.get("/api/v1/events", &w.b.token).await;
    assert_eq!(theirs.body, json!([]));
    w.get(&format!("/api/v1/events/{id}"), &w.b.token)
        .await
        .assert_problem(StatusCode::NOT_FOUND);
}
