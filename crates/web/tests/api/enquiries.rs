//! Recording enquiries: a new person added as an enquiry, never someone already on Alongside.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::support::world;

fn enquiry(email: &str) -> serde_json::Value {
    json!({
        "given_name": "Priya",
        "family_name": "Shah",
        "email": email,
        "phone": "07700 900456",
        "date_of_birth": "1988-02-14",
        "postcode": "ls6 2ab",
        "languages": "English, Gujarati",
    })
}

#[tokio::test]
async fn an_enquiry_is_recorded_in_the_tokens_organisation_only() {
    let w = world().await;
    let created = w
        .send(
            Method::POST,
            "/api/v1/people",
            &w.a.token,
            enquiry("Priya.Shah@Example.org"),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.body["person"]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        created.location.as_deref(),
        Some(format!("/api/v1/people/{id}").as_str())
    );
    assert_eq!(created.body["person"]["email"], "priya.shah@example.org");
    assert_eq!(created.body["person"]["postcode"], "LS6 2AB");
    assert_eq!(created.body["engagement"]["status"], "enquiry");

    let listed = w.get("/api/v1/people?status=enquiry", &w.a.token).await;
    assert_eq!(listed.body["total"], 1, "{}", listed.body);
    // Organisation B sees nothing of it.
    let theirs = w.get("/api/v1/people", &w.b.token).await;
    assert!(!theirs.body.to_string().contains("priya.shah@example.org"));
    assert_eq!(
        w.get(&format!("/api/v1/people/{id}"), &w.b.token)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn someone_already_on_alongside_is_not_added_by_a_manager() {
    let w = world().await;
    let before = w.app.store.count_people().await.unwrap();
    // Organisation B's admin has an account: A cannot pull their profile in by email.
    let b_admin = w.app.store.person(w.b.admin).await.unwrap().unwrap();
    let refused = w
        .send(
            Method::POST,
            "/api/v1/people",
            &w.a.token,
            enquiry(b_admin.email.as_str()),
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert_eq!(refused.body["errors"][0]["field"], "email");
    assert_eq!(w.app.store.count_people().await.unwrap(), before);
    assert!(
        w.app
            .store
            .engagement_of(
                w.app
                    .authorise(w.a.admin, w.a.slug)
                    .await
                    .unwrap()
                    .organisation_id(),
                w.b.admin
            )
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn bad_enquiries_name_every_field_and_save_nothing() {
    let w = world().await;
    let before = w.app.store.count_people().await.unwrap();
    let bad = json!({"given_name": "", "family_name": "Shah", "email": "not an email", "phone": "12", "date_of_birth": "2090-01-01"});
    let reply = w
        .send(Method::POST, "/api/v1/people", &w.a.token, bad)
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = reply.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    for field in ["given_name", "email", "phone", "date_of_birth"] {
        assert!(fields.contains(&field), "{field} missing from {fields:?}");
    }
    assert_eq!(w.app.store.count_people().await.unwrap(), before);
    let viewer = w.staff_token(&w.a, "viewer").await;
    let forbidden = w
        .send(
            Method::POST,
            "/api/v1/people",
            &viewer,
            enquiry("new@example.org"),
        )
        .await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
}
