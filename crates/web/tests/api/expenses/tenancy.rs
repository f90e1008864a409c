//! A claim's receipt through the API, and another organisation's token (or a viewer's) finding
//! none of the organisation's claims on any route.

use axum::http::{Method, StatusCode};
use chrono::Utc;
use serde_json::json;

use super::{active_volunteer, parking, record};
use crate::support::world;

#[tokio::test]
async fn receipts_and_claims_are_the_organisations_own() {
    let w = world().await;
    let val = active_volunteer(&w).await;
    let png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 7, 7];
    let input = domain::expenses::ClaimInput {
        category: "fares".into(),
        date: domain::rota::from_utc(Utc::now()).date().to_string(),
        description: "Train to the hospice".into(),
        amount: "12.5".into(),
        ..Default::default()
    };
    let upload = app::expenses::ReceiptUpload {
        file_name: "train.png".into(),
        bytes: png.clone(),
    };
    let claim = w
        .app
        .submit_expense_claim(val.person, w.a.slug, &input, Some(upload))
        .await
        .unwrap();
    let id = claim.id.to_string();
    let view = w.get(&format!("/api/v1/expenses/{id}"), &w.a.token).await;
    assert_eq!(
        (
            &view.body["amount_pence"],
            &view.body["receipt"]["content_type"]
        ),
        (&json!(1250), &json!("image/png"))
    );
    let file = w
        .get(&format!("/api/v1/expenses/{id}/receipt"), &w.a.token)
        .await;
    assert_eq!(
        (file.status, file.content_type.as_str()),
        (StatusCode::OK, "image/png")
    );
    let no_receipt = record(&w, parking(val.person, json!(2))).await;
    w.get(
        &format!("/api/v1/expenses/{no_receipt}/receipt"),
        &w.a.token,
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND);

    // Organisation B's token finds none of it, on any route, and changes nothing.
    let b = &w.b.token;
    for (method, path) in [
        (Method::GET, format!("/api/v1/expenses/{id}")),
        (Method::GET, format!("/api/v1/expenses/{id}/receipt")),
        (Method::POST, format!("/api/v1/expenses/{id}/approve")),
        (Method::POST, format!("/api/v1/expenses/{id}/reject")),
        (Method::POST, format!("/api/v1/expenses/{id}/query")),
        (Method::POST, format!("/api/v1/expenses/{id}/paid")),
    ] {
        let body = (method == Method::POST)
            .then(|| json!({"reason": "Ours", "question": "Ours?"}).to_string());
        w.call(method, &path, Some(b), body)
            .await
            .assert_problem(StatusCode::NOT_FOUND);
    }
    assert_eq!(w.get("/api/v1/expenses", b).await.body["total"], 0);
    let csv = w.get("/api/v1/reports/expenses", b).await;
    assert!(!csv.body.to_string().contains(&id));
    let stolen = w
        .send(
            Method::POST,
            "/api/v1/expenses",
            b,
            parking(val.person, json!(5)),
        )
        .await;
    assert_eq!(
        stolen.error_fields(),
        ["person_id"],
        "A's volunteer is not B's to claim for"
    );
    assert_eq!(
        w.get(&format!("/api/v1/expenses/{id}"), &w.a.token)
            .await
            .body["status"],
        "submitted"
    );

    // A viewer in A may not see expenses at all.
    let viewer = w.staff_token(&w.a, "viewer").await;
    w.get("/api/v1/expenses", &viewer)
        .await
        .assert_problem(StatusCode::FORBIDDEN);
    w.get(&format!("/api/v1/expenses/{id}/receipt"), &viewer)
        .await
        .assert_problem(StatusCode::FORBIDDEN);
}
