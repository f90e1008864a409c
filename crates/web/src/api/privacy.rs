//! UK GDPR over the API: a person's subject access export (a ZIP), erasure, retention rules with
//! their dry run and run, erasure records and the consent register.

use app::AppError;
use app::erasure::ErasureInput;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::ids::PersonId;
use domain::privacy::RetentionInput;
use serde::Deserialize;
use utoipa::ToSchema;

use super::auth::ApiScope;
use super::input::{Id, json, text};
use super::privacy_views::{
    ConsentView, ErasureView, RetentionPreviewView, RetentionRulesView, RetentionRunView,
};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use crate::AppState;
use crate::subject_access_zip::zip_bytes;

/// The privacy routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/people/{id}/subject-access", post(subject_access))
        .route("/people/{id}/erasure", post(erase_person))
        .route("/privacy/erasures", get(list_erasures))
        .route("/privacy/retention", get(get_retention).put(put_retention))
        .route("/privacy/retention/preview", get(preview_retention))
        .route("/privacy/retention/run", post(run_retention))
        .route("/privacy/consents", get(list_consents))
}

/// An admin's confirmation of an erasure.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ErasureBody {
    /// Must be true: erasure cannot be undone.
    #[serde(default)]
    pub confirmed: bool,
    /// Why (kept with the record; do not name the person).
    #[serde(default, deserialize_with = "text")]
    pub note: String,
}

/// Retention rules as sent: each a whole number, or null or absent to turn the rule off.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct RetentionBody {
    /// Erase people who left after this many years (1 to 50).
    #[serde(default)]
    pub leavers_after_years: Option<serde_json::Value>,
    /// Erase unsuccessful applicants after this many months (1 to 120).
    #[serde(default)]
    pub unsuccessful_after_months: Option<serde_json::Value>,
    /// Erase closed service-user records after this many years (1 to 50).
    #[serde(default)]
    pub closed_service_users_after_years: Option<serde_json::Value>,
}

fn typed(v: Option<serde_json::Value>) -> String {
    match v {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(s)) => s,
        Some(other) => other.to_string(),
    }
}

/// Export what the organisation holds about a person
///
/// A ZIP with a readable `summary.html`, each kind of record as JSON and CSV, consents and
/// receipt files: what this organisation holds about the person, with their profile. Recorded
/// as a subject access request and audited. Volunteer managers and admins.
#[utoipa::path(
    post,
    path = "/api/v1/people/{id}/subject-access",
    tag = "privacy",
    params(("id" = Uuid, Path, description = "The person's id")),
    responses(
        (status = 200, description = "The export", content_type = "application/zip"),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow seeing check records", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such person engaged with this organisation", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn subject_access(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<PersonId>,
) -> Result<Response, ApiError> {
    let export = state.app.subject_access_for(&scope, id).await?;
    let body =
        zip_bytes(&export).map_err(|e| AppError::Internal(format!("writing the export: {e}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response())
}

/// Erase what the organisation holds about a person
///
/// Their personal details go from every record here; totals (hours, attendance, answers) stay
/// against an anonymous stand-in, and a record says when and why. Their own account goes too
/// only if no other organisation or network holds them. Refused (422, each reason under
/// `erasure`) while a safeguarding concern about or by them is open, expense claims wait for a
/// decision or payment, they are still involved, or they are staff. Admins only.
#[utoipa::path(
    post,
    path = "/api/v1/people/{id}/erasure",
    tag = "privacy",
    params(("id" = Uuid, Path, description = "The person's id")),
    request_body = ErasureBody,
    responses(
        (status = 200, description = "Erased; the record that it happened", body = ErasureView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Only admins erase", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such person engaged with this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "A safeguarding concern was raised meanwhile", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Not confirmed, or refused with the reasons; nothing was changed", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn erase_person(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<PersonId>,
    body: Bytes,
) -> Result<Json<ErasureView>, ApiError> {
    let body: ErasureBody = json(&body)?;
    let input = ErasureInput {
        confirmed: body.confirmed,
        note: body.note,
    };
    Ok(Json(
        state.app.erase_person(&scope, id, &input).await?.into(),
    ))
}

/// List erasure records
///
/// Newest first. They name nobody: the subject is the anonymous stand-in or emptied record.
#[utoipa::path(
    get,
    path = "/api/v1/privacy/erasures",
    tag = "privacy",
    responses(
        (status = 200, description = "Erasure records", body = Vec<ErasureView>),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Admins only", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn list_erasures(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
) -> Result<Json<Vec<ErasureView>>, ApiError> {
    let records = state.app.erasures(&scope).await?;
    Ok(Json(records.into_iter().map(Into::into).collect()))
}

/// Get the retention rules
#[utoipa::path(
    get,
    path = "/api/v1/privacy/retention",
    tag = "privacy",
    responses(
        (status = 200, description = "The rules; null means off", body = RetentionRulesView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Admins only", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn get_retention(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
) -> Result<Json<RetentionRulesView>, ApiError> {
    Ok(Json(
        state.app.privacy_settings(&scope).await?.retention.into(),
    ))
}

/// Set the retention rules
///
/// Replaces all three rules; a rule left out or null is off.
#[utoipa::path(
    put,
    path = "/api/v1/privacy/retention",
    tag = "privacy",
    request_body = RetentionBody,
    responses(
        (status = 200, description = "The rules as saved", body = RetentionRulesView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Admins only", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "A number out of range, named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn put_retention(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    body: Bytes,
) -> Result<Json<RetentionRulesView>, ApiError> {
    let body: RetentionBody = json(&body)?;
    let input = RetentionInput {
        leavers_after_years: typed(body.leavers_after_years),
        unsuccessful_after_months: typed(body.unsuccessful_after_months),
        closed_service_users_after_years: typed(body.closed_service_users_after_years),
    };
    Ok(Json(state.app.save_retention(&scope, &input).await?.into()))
}

/// Preview the retention rules (dry run)
///
/// Who the rules reach now and why, who would be kept for now and why, and DBS details due to
/// go. Nothing is changed.
#[utoipa::path(
    get,
    path = "/api/v1/privacy/retention/preview",
    tag = "privacy",
    responses(
        (status = 200, description = "The dry run", body = RetentionPreviewView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Admins only", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn preview_retention(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
) -> Result<Json<RetentionPreviewView>, ApiError> {
    Ok(Json(state.app.retention_preview(&scope).await?.into()))
}

/// Run the retention rules now
///
/// Erases what the rules reach (the scheduled run does the same each day) and returns the
/// report, which names nobody.
#[utoipa::path(
    post,
    path = "/api/v1/privacy/retention/run",
    tag = "privacy",
    responses(
        (status = 200, description = "The report", body = RetentionRunView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Admins only", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "A record changed meanwhile; nothing was changed, run again", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn run_retention(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
) -> Result<Json<RetentionRunView>, ApiError> {
    Ok(Json(state.app.run_retention(&scope).await?.into()))
}

/// List the consent register
///
/// Consents given to the organisation: passport sharing, service users' consent to support and
/// to their information being used, and referrals between organisations.
#[utoipa::path(
    get,
    path = "/api/v1/privacy/consents",
    tag = "privacy",
    responses(
        (status = 200, description = "Consents", body = Vec<ConsentView>),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn list_consents(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
) -> Result<Json<Vec<ConsentView>>, ApiError> {
    let consents = state.app.consent_register(&scope).await?;
    Ok(Json(consents.into_iter().map(Into::into).collect()))
}
