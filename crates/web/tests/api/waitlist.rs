//! A shift's waiting list through the API: in the order people joined, with names and
//! statuses; another organisation's token finds nothing.

use app::Write;
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use domain::ids::ShiftId;
use domain::rota::WaitlistEntry;

use crate::shifts::add_shift;
use crate::support::{person, world};

#[tokio::test]
async fn a_shifts_waiting_list_is_listed_in_order_and_only_to_its_organisation() {
    let w = world().await;
    let a = w.seed_a().await;
    let created = add_shift(&w, &a.role, &a.site, "2031-03-10").await;
    let id = created.id();
    let path = format!("/api/v1/shifts/{id}/waiting-list");
    let empty = w.get(&path, &w.a.token).await;
    assert_eq!(empty.status, StatusCode::OK, "{}", empty.body);
    assert_eq!(empty.body, serde_json::json!([]));

    let org = w
        .app
        .authorise(w.a.admin, w.a.slug)
        .await
        .unwrap()
        .organisation_id();
    let shift: ShiftId = id.parse().unwrap();
    let now = Utc::now();
    for (i, (name, email)) in [("Ben", "ben@example.org"), ("Cat", "cat@example.org")]
        .into_iter()
        .enumerate()
    {
        let p = person(&w.app, name, email).await;
        let entry = WaitlistEntry::join(org, shift, p, now + Duration::seconds(i as i64));
        w.app
            .store
            .apply(vec![Write::JoinWaitlist(entry)])
            .await
            .unwrap();
    }
    let list = w.get(&path, &w.a.token).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    let names: Vec<_> = list
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names.len(), 2);
    assert!(
        names[0].starts_with("Ben") && names[1].starts_with("Cat"),
        "{names:?}"
    );
    assert_eq!(list.body[0]["status"], "waiting");
    assert_eq!(list.body[0]["status_label"], "Waiting");

    // Another organisation's token: not found, and nothing about the people on it.
    let other = w.get(&path, &w.b.token).await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    assert!(!other.body.to_string().contains("Ben"));
    let unknown = w
        .get(
            &format!("/api/v1/shifts/{}/waiting-list", ShiftId::new()),
            &w.a.token,
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}
