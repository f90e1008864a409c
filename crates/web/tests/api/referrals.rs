//! Referrals through the API: a staff referral joins the triage queue with its target,
//! accepting moves the person to assessment, declining closes their record and emails the
//! reason to the referrer, a referral is decided once, and bad input is named by its place in
//! the body with nothing saved.

use axum::http::{Method, StatusCode};
use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

use crate::service_users::service_user_body;
use crate::support::{Reply, World, world};

/// A staff referral of `given` for `support_type`, with the ward's email for the decision.
pub fn referral_body(w: &World, given: &str, support_type: &str) -> Value {
    json!({
        "person": service_user_body(w, given),
        "referral": {
            "support_type": support_type, "urgency": "soon",
            "need": "Lives alone; going home from Ward 7 on Friday and anxious about it",
            "referrer_name": "Sister Jones", "referrer_email": "ward7@riverside.example",
        },
    })
}

/// Refers `given` to organisation A and returns the reply.
pub async fn refer(w: &World, given: &str, support_type: &str) -> Reply {
    let reply = w
        .send(
            Method::POST,
            "/api/v1/referrals",
            &w.a.token,
            referral_body(w, given, support_type),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply
}

fn instant(value: &Value) -> DateTime<Utc> {
    value.as_str().unwrap().parse().unwrap()
}

#[tokio::test]
async fn a_staff_referral_is_triaged_accepting_assesses_and_declining_emails_the_reason() {
    let w = world().await;
    let token = &w.a.token;
    let home = refer(&w, "Edna", "home_from_hospital").await;
    assert_eq!(home.body["status"], "new");
    assert_eq!(home.body["source"], "staff");
    assert_eq!(home.body["referrer_name"], "Sister Jones");
    assert_eq!(home.body["breached"], false);
    // Discharge support is due within 24 hours whatever the urgency; befriending "soon" in 3 days.
    let due = instant(&home.body["due_by"]) - instant(&home.body["received_at"]);
    assert_eq!(due, Duration::hours(24));
    let friend = refer(&w, "Arthur", "befriending").await;
    let due = instant(&friend.body["due_by"]) - instant(&friend.body["received_at"]);
    assert_eq!(due, Duration::hours(72));

    // A viewer can refer (any staff member may) but not decide.
    let viewer = w.staff_token(&w.a, "viewer").await;
    let by_viewer = w
        .send(
            Method::POST,
            "/api/v1/referrals",
            &viewer,
            referral_body(&w, "Iris", "shopping"),
        )
        .await;
    assert_eq!(by_viewer.status, StatusCode::CREATED, "{}", by_viewer.body);
    w.send(
        Method::POST,
        &format!("/api/v1/referrals/{}/decision", by_viewer.id()),
        &viewer,
        json!({"decision": "accept"}),
    )
    .await
    .assert_problem(StatusCode::FORBIDDEN);

    // The queue: undecided, soonest due first.
    let queue = w.get("/api/v1/referrals", token).await;
    assert_eq!(queue.status, StatusCode::OK, "{}", queue.body);
    let ids: Vec<&str> = queue
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids[0], home.id());
    assert_eq!(ids.len(), 3);

    let accepted = w
        .send(
            Method::POST,
            &format!("/api/v1/referrals/{}/decision", home.id()),
            token,
            json!({"decision": "accept"}),
        )
        .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
    assert_eq!(accepted.body["status"], "accepted");
    let edna = home.body["service_user_id"].as_str().unwrap();
    let triangle = w.get(&format!("/api/v1/service-users/{edna}"), token).await;
    assert_eq!(triangle.body["person"]["status"], "assessed");
    assert_eq!(triangle.body["referrals"][0]["id"], home.id().as_str());

    let reason = "We do not cover Otley; Otley Action for Older People can help";
    let declined = w
        .send(
            Method::POST,
            &format!("/api/v1/referrals/{}/decision", friend.id()),
            token,
            json!({"decision": "decline", "note": reason}),
        )
        .await;
    assert_eq!(declined.status, StatusCode::OK, "{}", declined.body);
    assert_eq!(declined.body["status"], "declined");
    assert_eq!(declined.body["decision_note"], reason);
    let arthur = friend.body["service_user_id"].as_str().unwrap();
    let closed = w
        .get(&format!("/api/v1/service-users/{arthur}"), token)
        .await;
    assert_eq!(closed.body["person"]["status"], "closed");

    // The referrer hears both decisions, the decline with its reason.
    let outbox = w.app.store.recent_messages(50).await.unwrap();
    let to_ward: Vec<_> = outbox
        .iter()
        .filter(|m| m.to == "ward7@riverside.example")
        .collect();
    assert_eq!(to_ward.len(), 2, "{to_ward:?}");
    assert!(to_ward.iter().any(|m| m.body.contains("has accepted it")));
    assert!(to_ward.iter().any(|m| m.body.contains(reason)));

    // A referral is decided once.
    let again = w
        .send(
            Method::POST,
            &format!("/api/v1/referrals/{}/decision", friend.id()),
            token,
            json!({"decision": "accept"}),
        )
        .await;
    again.assert_problem(StatusCode::CONFLICT);
}

#[tokio::test]
async fn bad_referrals_and_decisions_are_named_by_field_and_nothing_is_saved() {
    let w = world().await;
    let token = &w.a.token;
    let mut body = referral_body(&w, "Edna", "befriending");
    body["person"]["given_name"] = json!("");
    body["referral"]["support_type"] = Value::Null;
    body["referral"]["referrer_email"] = json!("not an email");
    let refused = w.send(Method::POST, "/api/v1/referrals", token, body).await;
    refused.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.error_fields(),
        [
            "person.given_name",
            "referral.support_type",
            "referral.referrer_email"
        ]
    );
    let empty = w
        .send(Method::POST, "/api/v1/referrals", token, json!({}))
        .await;
    empty.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    for field in [
        "person.given_name",
        "person.family_name",
        "referral.support_type",
        "referral.urgency",
        "referral.need",
        "referral.referrer_name",
    ] {
        assert!(
            empty.error_fields().iter().any(|f| f == field),
            "{field} not named: {}",
            empty.body
        );
    }
    assert_eq!(w.get("/api/v1/referrals", token).await.body, json!([]));
    assert_eq!(w.get("/api/v1/service-users", token).await.body, json!([]));

    let referral = refer(&w, "Edna", "befriending").await;
    let decision = format!("/api/v1/referrals/{}/decision", referral.id());
    let unexplained = w
        .send(
            Method::POST,
            &decision,
            token,
            json!({"decision": "decline", "note": "  "}),
        )
        .await;
    unexplained.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unexplained.error_fields(), ["note"]);
    let unknown = w
        .send(Method::POST, &decision, token, json!({"decision": "maybe"}))
        .await;
    unknown.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unknown.error_fields(), ["decision"]);
    let queue = w.get("/api/v1/referrals", token).await;
    assert_eq!(queue.body[0]["status"], "new");
    let outbox = w.app.store.recent_messages(50).await.unwrap();
    assert!(outbox.iter().all(|m| m.to != "ward7@riverside.example"));
}
