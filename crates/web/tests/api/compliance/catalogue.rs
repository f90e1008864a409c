//! The catalogue: the standard items, adding the organisation's own, and changing them.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use super::text;
use crate::support::world;

#[tokio::test]
async fn the_catalogue_can_be_added_to_and_changed() {
    let w = world().await;
    let token = &w.a.token;
    let list = w.get("/api/v1/catalogue", token).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    let standard = list.body["total"].as_u64().expect("a total");
    assert!(standard > 20, "the standard catalogue: {}", list.body);
    assert_eq!(list.body["items"][0]["built_in"], true);
    let paged = w.get("/api/v1/catalogue?page=2&per_page=5", token).await;
    assert_eq!(paged.body["items"].as_array().map(Vec::len), Some(5));
    assert_eq!(paged.body["page"], 2);
    let bad = w.get("/api/v1/catalogue?per_page=501", token).await;
    bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["per_page"]);

    let body = json!({"name": "Dementia awareness", "kind": "training", "description": "Half a day", "validity_months": 24});
    let created = w
        .send(Method::POST, "/api/v1/catalogue", token, body.clone())
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let path = format!("/api/v1/catalogue/{}", created.id());
    assert_eq!(created.location.as_deref(), Some(path.as_str()));
    assert_eq!(created.body["code"], "local-dementia-awareness");
    assert_eq!(created.body["kind"], "training");
    assert_eq!(created.body["framework"], "local");
    assert_eq!(created.body["validity_months"], 24);
    assert_eq!(created.body["built_in"], false);
    assert_eq!(w.get(&path, token).await.body, created.body);
    assert_eq!(
        w.get("/api/v1/catalogue", token).await.body["total"],
        standard + 1
    );

    let duplicate = w.send(Method::POST, "/api/v1/catalogue", token, body).await;
    duplicate.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(duplicate.error_fields(), ["name"]);
    let invalid = w
        .send(
            Method::POST,
            "/api/v1/catalogue",
            token,
            json!({"name": "", "kind": "dbs", "validity_months": "forever"}),
        )
        .await;
    invalid.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(invalid.error_fields(), ["name", "kind", "validity_months"]);
    assert_eq!(
        w.get("/api/v1/catalogue", token).await.body["total"],
        standard + 1
    );

    let changed = w
        .send(
            Method::PUT,
            &path,
            token,
            json!({"name": "Dementia friends", "description": "An hour", "validity_months": null}),
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(changed.body["name"], "Dementia friends");
    assert_eq!(changed.body["kind"], "training");
    assert_eq!(changed.body["validity_months"], Value::Null);
    assert_eq!(w.get(&path, token).await.body, changed.body);
    let blank = w
        .send(Method::PUT, &path, token, json!({"name": " "}))
        .await;
    blank.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(blank.error_fields(), ["name"]);
    assert_eq!(w.get(&path, token).await.body, changed.body);

    // A standard item keeps its name; its validity is the organisation's to set.
    let built_in = &list.body["items"][0];
    let built_in_path = format!("/api/v1/catalogue/{}", text(&built_in["id"]));
    let edited = w
        .send(
            Method::PUT,
            &built_in_path,
            token,
            json!({"name": "Something else", "validity_months": "36"}),
        )
        .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
    assert_eq!(edited.body["name"], built_in["name"]);
    assert_eq!(edited.body["validity_months"], 36);
}
