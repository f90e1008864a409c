//! GOV.UK Notify's delivery receipts: Notify POSTs one JSON object per message to
//! `/callbacks/notify/{org}` with the bearer token the organisation's admin made. A wrong or
//! missing token, an unknown organisation or a message it never sent is 404 (so nobody learns
//! which organisations use Notify); a receipt that is not Notify's shape is 422 with field
//! errors; a recorded receipt is 204.

use app::AppError;
use app::notify_settings::ReceiptInput;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::AppState;
use crate::api::problem::ApiError;

/// The callback route.
pub fn routes() -> Router<AppState> {
    Router::new().route("/callbacks/notify/{org}", post(receipt))
}

/// A string field of the receipt, or empty.
fn text(body: &Value, field: &str) -> String {
    body[field].as_str().unwrap_or_default().to_owned()
}

async fn receipt(
    State(state): State<AppState>,
    Path(org): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    // Read leniently: the token is checked before the shape, so a stranger learns nothing.
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let input = ReceiptInput {
        id: text(&body, "id"),
        reference: text(&body, "reference"),
        status: text(&body, "status"),
        completed_at: body["completed_at"]
            .as_str()
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
            .map(|t| t.with_timezone(&Utc)),
    };
    match state.app.record_notify_receipt(&org, bearer, &input).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}
