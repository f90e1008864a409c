//! A manager adding a claim's receipt through the API: the file round-trips byte for byte with
//! its type; a wrong type, an empty or too-large file, or a decided claim is refused naming
//! `receipt` with nothing changed; another organisation's token finds nothing and a viewer may
//! not.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use domain::expenses::MAX_RECEIPT_BYTES;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

use super::{active_volunteer, parking, record};
use crate::support::{World, world};

const PNG: [u8; 12] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];
const PDF: &[u8] = b"%PDF-1.7 a scanned bus ticket";

/// What came back, with the body as bytes.
struct Raw {
    status: StatusCode,
    content_type: String,
    bytes: Vec<u8>,
}

impl Raw {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes).unwrap_or(Value::Null)
    }

    /// A problem with this status whose errors name only `receipt`.
    #[track_caller]
    fn assert_receipt_problem(&self, status: StatusCode) {
        let body = self.json();
        assert_eq!(self.status, status, "{body}");
        assert_eq!(self.content_type, "application/problem+json", "{body}");
        assert_eq!(body["status"], status.as_u16(), "{body}");
        assert_eq!(body["errors"][0]["field"], "receipt", "{body}");
        assert_eq!(body["errors"].as_array().map(Vec::len), Some(1), "{body}");
    }
}

/// Sends `bytes` as they are, with these headers.
async fn raw(
    w: &World,
    method: Method,
    path: &str,
    token: &str,
    headers: &[(header::HeaderName, &str)],
    bytes: Vec<u8>,
) -> Raw {
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"));
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    let response = w
        .router
        .clone()
        .oneshot(request.body(Body::from(bytes)).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Raw {
        status,
        content_type,
        bytes: bytes.to_vec(),
    }
}

async fn put(w: &World, path: &str, token: &str, content_type: &str, bytes: Vec<u8>) -> Raw {
    let headers = [(header::CONTENT_TYPE, content_type)];
    raw(w, Method::PUT, path, token, &headers, bytes).await
}

async fn download(w: &World, path: &str, token: &str) -> Raw {
    raw(w, Method::GET, path, token, &[], Vec::new()).await
}

#[tokio::test]
async fn a_receipt_is_added_to_a_paper_claim_and_comes_back_as_sent() {
    let w = world().await;
    let val = active_volunteer(&w).await;
    let id = record(&w, parking(val.person, json!("3.20"))).await;
    let path = format!("/api/v1/expenses/{id}/receipt");
    let token = &w.a.token;

    let headers = [
        (header::CONTENT_TYPE, "image/png"),
        (
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"car park.png\"",
        ),
    ];
    let added = raw(&w, Method::PUT, &path, token, &headers, PNG.to_vec()).await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.json());
    assert_eq!(
        added.json()["receipt"],
        json!({"file_name": "car park.png", "content_type": "image/png", "size": 12})
    );
    let file = download(&w, &path, token).await;
    assert_eq!(
        (
            file.status,
            file.content_type.as_str(),
            file.bytes.as_slice()
        ),
        (StatusCode::OK, "image/png", &PNG[..])
    );

    // Refused, naming `receipt`, and the PNG stays.
    put(&w, &path, token, "text/html", b"<html>".to_vec())
        .await
        .assert_receipt_problem(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    put(&w, &path, token, "image/gif", b"GIF89a".to_vec())
        .await
        .assert_receipt_problem(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    put(&w, &path, token, "image/png", PDF.to_vec())
        .await
        .assert_receipt_problem(StatusCode::UNPROCESSABLE_ENTITY);
    put(
        &w,
        &path,
        token,
        "application/octet-stream",
        b"GIF89a".to_vec(),
    )
    .await
    .assert_receipt_problem(StatusCode::UNPROCESSABLE_ENTITY);
    put(&w, &path, token, "application/pdf", Vec::new())
        .await
        .assert_receipt_problem(StatusCode::UNPROCESSABLE_ENTITY);
    let mut big = PDF.to_vec();
    big.resize(MAX_RECEIPT_BYTES + 1, b' ');
    put(&w, &path, token, "application/pdf", big)
        .await
        .assert_receipt_problem(StatusCode::UNPROCESSABLE_ENTITY);
    let still = download(&w, &path, token).await;
    assert_eq!(still.bytes, PNG);

    // A PDF replaces it (named by its kind when no name is sent); both are audited.
    let replaced = put(&w, &path, token, "application/pdf", PDF.to_vec()).await;
    assert_eq!(replaced.status, StatusCode::OK, "{}", replaced.json());
    assert_eq!(replaced.json()["receipt"]["file_name"], "receipt.pdf");
    let file = download(&w, &path, token).await;
    assert_eq!(
        (file.content_type.as_str(), file.bytes.as_slice()),
        ("application/pdf", PDF)
    );
    let org = w.app.authorise(w.a.admin, w.a.slug).await.unwrap();
    let claim: uuid::Uuid = id.parse().unwrap();
    let audit = w
        .app
        .store
        .audit_for(Some(org.organisation_id()), claim)
        .await
        .unwrap();
    for action in ["expense_receipt.attached", "expense_receipt.replaced"] {
        assert!(
            audit.iter().any(|e| e.action == action),
            "{action} in {audit:?}"
        );
    }

    // Once decided, the receipt it was decided on stays.
    let manager = w.staff_token(&w.a, "volunteer_manager").await;
    let approve = format!("/api/v1/expenses/{id}/approve");
    let approved = w.send(Method::POST, &approve, &manager, json!({})).await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
    put(&w, &path, token, "image/png", PNG.to_vec())
        .await
        .assert_receipt_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(download(&w, &path, token).await.bytes, PDF);
}

#[tokio::test]
async fn only_the_organisations_managers_add_receipts() {
    let w = world().await;
    let val = active_volunteer(&w).await;
    let id = record(&w, parking(val.person, json!("3.20"))).await;
    let path = format!("/api/v1/expenses/{id}/receipt");

    // Another organisation's token: not found, before the body is looked at.
    for content_type in ["image/png", "text/html"] {
        let refused = put(&w, &path, &w.b.token, content_type, PNG.to_vec()).await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND, "{}", refused.json());
        assert_eq!(refused.content_type, "application/problem+json");
    }
    let viewer = w.staff_token(&w.a, "viewer").await;
    let refused = put(&w, &path, &viewer, "image/png", PNG.to_vec()).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.json());
    let unknown = format!("/api/v1/expenses/{}/receipt", uuid::Uuid::now_v7());
    let missing = put(&w, &unknown, &w.a.token, "image/png", PNG.to_vec()).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    // Nothing was attached.
    let claim = w.get(&format!("/api/v1/expenses/{id}"), &w.a.token).await;
    assert_eq!(claim.body["receipt"], Value::Null);
    let none = download(&w, &path, &w.a.token).await;
    assert_eq!(none.status, StatusCode::NOT_FOUND);
}
