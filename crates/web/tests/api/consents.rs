//! Consents recorded on their own form, over the API: list, record (422 naming each bad field),
//! and withdraw once; another organisation's token gets 404 (see `tenancy`).

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::support::world;

#[tokio::test]
async fn consents_are_listed_recorded_and_withdrawn_once() {
    let w = world().await;
    let a = w.seed_a().await;
    let token = &w.a.token;
    let path = format!("/api/v1/people/{}/consents", a.person);
    let empty = w.get(&path, token).await;
    assert_eq!(empty.status, StatusCode::OK, "{}", empty.body);
    assert_eq!(empty.body, json!([]));

    // Bad input: 422 problem+json naming each field; nothing recorded.
    let bad = w
        .send(
            Method::POST,
            &path,
            token,
            json!({"purpose": "", "state": "maybe", "on": "2999-01-01", "way": "carrier pigeon"}),
        )
        .await;
    bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    let mut fields = bad.error_fields();
    fields.sort();
    assert_eq!(fields, ["on", "purpose", "state", "way"]);
    assert_eq!(w.get(&path, token).await.body, json!([]));

    let recorded = w
        .send(
            Method::POST,
            &path,
            token,
            json!({"purpose": "Photographs in our newsletter", "state": "given",
                   "on": "2026-01-05", "way": "online", "note": "By email"}),
        )
        .await;
    assert_eq!(recorded.status, StatusCode::CREATED, "{}", recorded.body);
    assert_eq!(recorded.body["given_on"], "2026-01-05");
    assert_eq!(recorded.body["in_force"], true);
    let id = recorded.body["id"].as_str().unwrap().to_owned();
    let listed = w.get(&path, token).await;
    assert_eq!(listed.body.as_array().unwrap().len(), 1);
    assert_eq!(listed.body[0]["way"], "online");

    // Withdrawn (an empty body means today), then refused a second time.
    let withdraw = format!("{path}/{id}/withdraw");
    let before = w
        .send(Method::POST, &withdraw, token, json!({"on": "2025-12-31"}))
        .await;
    before.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(before.error_fields(), ["on"]);
    let done = w.call(Method::POST, &withdraw, Some(token), None).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(done.body["in_force"], false);
    assert_eq!(done.body["withdrawn_on"], w.app.uk_today().to_string());
    let again = w.call(Method::POST, &withdraw, Some(token), None).await;
    again.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(again.error_fields(), ["on"]);
    // The register lists it.
    let register = w.get("/api/v1/privacy/consents", token).await;
    assert!(
        register
            .body
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["purpose"] == "Photographs in our newsletter" && c["withdrawn"].is_string()),
        "{}",
        register.body
    );
    // An unknown consent or person is 404.
    let nobody = format!("/api/v1/people/{}/consents", uuid::Uuid::now_v7());
    w.get(&nobody, token)
        .await
        .assert_problem(StatusCode::NOT_FOUND);
    w.call(
        Method::POST,
        &format!("{path}/{}/withdraw", uuid::Uuid::now_v7()),
        Some(token),
        None,
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND);
}
