//! UK GDPR over the API: a subject access ZIP of the organisation's records, erasure confirmed
//! and refused, retention rules validated with a dry run and a run, and admins only.

use std::io::Read;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::support::{World, world};

/// A POST whose answer is a file: its status, type and bytes.
async fn download(w: &World, path: &str, token: &str) -> (StatusCode, String, Vec<u8>) {
    let request = Request::builder()
        .method(Method::POST)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    let response = w.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let kind = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, kind, bytes.to_vec())
}

fn file(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[tokio::test]
async fn a_subject_access_export_is_a_zip_of_the_organisations_records() {
    let w = world().await;
    let a = w.seed_a().await;
    let path = format!("/api/v1/people/{}/subject-access", a.person);
    let (status, kind, bytes) = download(&w, &path, &w.a.token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kind, "application/zip");
    let applications: Value =
        serde_json::from_str(&file(&bytes, "data/applications.json")).unwrap();
    assert_eq!(applications[0]["motivation"], "I like people");
    let csv = file(&bytes, "csv/applications.csv");
    let header = csv.lines().next().unwrap();
    assert!(
        header.contains("motivation") && header.contains("person_id"),
        "{header}"
    );
    assert!(csv.contains("I like people"));
    let summary = file(&bytes, "summary.html");
    assert!(summary.contains("Personal data held about Vera Example"));
    assert!(summary.contains("Riverside Hospitals NHS Trust holds about you"));
    let manifest: Value = serde_json::from_str(&file(&bytes, "manifest.json")).unwrap();
    assert_eq!(manifest["person_id"], a.person.as_str());
    // Another organisation's token finds nobody.
    let (status, _, _) = download(&w, &path, &w.b.token).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // A viewer may not (check records are in it).
    let viewer = w.staff_token(&w.a, "viewer").await;
    let (status, _, _) = download(&w, &path, &viewer).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn erasure_needs_confirming_an_admin_and_leaves_a_record() {
    let w = world().await;
    let a = w.seed_a().await;
    let path = format!("/api/v1/people/{}/erasure", a.person);
    let manager = w.staff_token(&w.a, "volunteer_manager").await;
    w.send(Method::POST, &path, &manager, json!({"confirmed": true}))
        .await
        .assert_problem(StatusCode::FORBIDDEN);
    let unconfirmed = w.send(Method::POST, &path, &w.a.token, json!({})).await;
    unconfirmed.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unconfirmed.error_fields(), ["confirmed"]);
    w.send(Method::POST, &path, &w.a.token, json!({"confirmed": "yes"}))
        .await
        .assert_problem(StatusCode::BAD_REQUEST);

    let erased = w
        .send(
            Method::POST,
            &path,
            &w.a.token,
            json!({"confirmed": true, "note": "Letter of 3 March"}),
        )
        .await;
    assert_eq!(erased.status, StatusCode::OK, "{}", erased.body);
    assert_eq!(erased.body["reason"], "request");
    assert_eq!(erased.body["profile_erased"], true);
    assert!(
        erased.body["removed"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r.as_str().unwrap().starts_with("Applications: 1"))
    );
    let records = w.get("/api/v1/privacy/erasures", &w.a.token).await;
    assert_eq!(records.body.as_array().unwrap().len(), 1);
    assert!(!records.body.to_string().contains("Vera"));
    assert_eq!(
        w.get("/api/v1/privacy/erasures", &w.b.token).await.body,
        json!([])
    );
    // The person is gone from the organisation: their old id finds nobody.
    w.get(&format!("/api/v1/people/{}", a.person), &w.a.token)
        .await
        .assert_problem(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn retention_rules_are_validated_previewed_and_run() {
    let w = world().await;
    w.seed_a().await;
    let rules = w.get("/api/v1/privacy/retention", &w.a.token).await;
    assert_eq!(
        rules.body,
        json!({"leavers_after_years": null, "unsuccessful_after_months": null,
               "closed_service_users_after_years": null, "dbs_details_months": 6})
    );
    let bad = w
        .send(
            Method::PUT,
            "/api/v1/privacy/retention",
            &w.a.token,
            json!({"leavers_after_years": 0, "unsuccessful_after_months": "soon"}),
        )
        .await;
    bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bad.error_fields(),
        ["leavers_after_years", "unsuccessful_after_months"]
    );
    let saved = w
        .send(
            Method::PUT,
            "/api/v1/privacy/retention",
            &w.a.token,
            json!({"leavers_after_years": 6, "unsuccessful_after_months": "6"}),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(saved.body["leavers_after_years"], 6);
    assert_eq!(saved.body["unsuccessful_after_months"], 6);
    assert_eq!(
        w.get("/api/v1/privacy/retention", &w.b.token).await.body["leavers_after_years"],
        Value::Null
    );

    let preview = w.get("/api/v1/privacy/retention/preview", &w.a.token).await;
    assert_eq!(preview.status, StatusCode::OK);
    assert_eq!(preview.body["reached"], json!([]));
    let run = w
        .call(
            Method::POST,
            "/api/v1/privacy/retention/run",
            Some(&w.a.token),
            None,
        )
        .await;
    assert_eq!(run.status, StatusCode::OK, "{}", run.body);
    assert_eq!(run.body["report"][0], "People who left: 0 erased");

    let manager = w.staff_token(&w.a, "volunteer_manager").await;
    w.get("/api/v1/privacy/retention", &manager)
        .await
        .assert_problem(StatusCode::FORBIDDEN);
    assert_eq!(
        w.get("/api/v1/privacy/consents", &manager).await.status,
        StatusCode::OK
    );
}
