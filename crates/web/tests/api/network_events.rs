//! A network's learning events in the API: the coordinator's token adds events and reads
//! registrations; a member organisation's token sees members-only events but organises
//! nothing; a non-member's token finds nothing; network and organisation events never mix.

use axum::http::{Method, StatusCode};
use serde_json::Value;

use crate::events::{event_body, in_days};
use crate::library::{NETWORK, join_b, library};
use crate::support::{person, world};

fn titles(body: &Value) -> Vec<String> {
    body.as_array()
        .unwrap()
        .iter()
        .map(|e| e["title"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn network_events_through_the_api_follow_network_membership() {
    let w = world().await;
    library(&w).await;
    let base = format!("/api/v1/networks/{NETWORK}/events");
    let mut members_only = event_body(&in_days(&w, 10), 2);
    members_only["title"] = "Members' forum".into();
    members_only["visibility"] = "members".into();
    let public = event_body(&in_days(&w, 7), 2);

    // A's admin coordinates the network: their token adds both.
    let mut ids = Vec::new();
    for body in [public, members_only] {
        let made = w.send(Method::POST, &base, &w.a.token, body).await;
        assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
        ids.push(made.id());
    }
    let bad = w
        .send(
            Method::POST,
            &base,
            &w.a.token,
            serde_json::json!({"title": "", "capacity": 0}),
        )
        .await;
    bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.error_fields().contains(&"title".to_owned()));

    // Someone takes a place on the public event; the coordinator reads it.
    let someone = person(&w.app, "Reg", "reg@example.org").await;
    let access = w.app.network_access(NETWORK, Some(someone)).await.unwrap();
    let host = w.app.network_event_host(&access);
    let registration = w
        .app
        .register_for_event(&host, ids[0].parse().unwrap())
        .await
        .unwrap();
    let regs = w
        .get(&format!("{base}/{}/registrations", ids[0]), &w.a.token)
        .await;
    assert_eq!(regs.status, StatusCode::OK, "{}", regs.body);
    assert_eq!(regs.body[0]["status"], "registered");
    // Attendance waits for the start.
    w.send(
        Method::POST,
        &format!(
            "{base}/{}/registrations/{}/attendance",
            ids[0], registration.id
        ),
        &w.a.token,
        serde_json::json!({"attended": true}),
    )
    .await
    .assert_problem(StatusCode::CONFLICT);

    // The network's events are not the organisation's.
    assert_eq!(
        w.get("/api/v1/events", &w.a.token).await.body,
        serde_json::json!([])
    );
    w.get(&format!("/api/v1/events/{}", ids[0]), &w.a.token)
        .await
        .assert_problem(StatusCode::NOT_FOUND);

    // B is not a member: its token finds nothing at all.
    for path in [
        base.clone(),
        format!("{base}/{}", ids[0]),
        format!("{base}/{}/registrations", ids[0]),
    ] {
        w.get(&path, &w.b.token)
            .await
            .assert_problem(StatusCode::NOT_FOUND);
    }
    w.send(
        Method::POST,
        &base,
        &w.b.token,
        event_body(&in_days(&w, 3), 1),
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND);

    // Once B joins, its token sees the members' event too, but organises nothing.
    join_b(&w).await;
    let listed = w.get(&base, &w.b.token).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    assert_eq!(
        titles(&listed.body),
        ["Recruiting younger volunteers", "Members' forum"]
    );
    assert_eq!(
        w.get(&format!("{base}/{}", ids[1]), &w.b.token)
            .await
            .status,
        StatusCode::OK
    );
    w.get(&format!("{base}/{}/registrations", ids[0]), &w.b.token)
        .await
        .assert_problem(StatusCode::FORBIDDEN);
    w.send(
        Method::POST,
        &base,
        &w.b.token,
        event_body(&in_days(&w, 3), 1),
    )
    .await
    .assert_problem(StatusCode::FORBIDDEN);
    w.send(
        Method::POST,
        &format!(
            "{base}/{}/registrations/{}/attendance",
            ids[0], registration.id
        ),
        &w.b.token,
        serde_json::json!({"attended": true}),
    )
    .await
    .assert_problem(StatusCode::FORBIDDEN);
}
