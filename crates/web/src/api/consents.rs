//! A person's consents recorded on their own form, over the API: list, record, and record a
//! withdrawal (volunteer managers and admins; the person must be with the organisation).

use app::AppError;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::NaiveDate;
use domain::Labelled;
use domain::ids::{ConsentId, PersonId};
use domain::privacy::consent::{ConsentInput, RecordedConsent};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::ApiScope;
use super::input::{Id, json, text};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use crate::AppState;

/// The consent routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/people/{id}/consents",
            get(list_person_consents).post(record_consent),
        )
        .route(
            "/people/{id}/consents/{consent_id}/withdraw",
            post(withdraw_consent),
        )
}

/// A consent recorded for a person.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecordedConsentView {
    /// Identifier.
    pub id: Uuid,
    /// The person.
    pub person_id: Uuid,
    /// What it is for.
    pub purpose: String,
    /// The day they gave it; null when they declined.
    pub given_on: Option<NaiveDate>,
    /// `written`, `verbal` or `online`.
    pub way: String,
    /// A note.
    pub note: String,
    /// The day it was withdrawn (or declined), if it was.
    pub withdrawn_on: Option<NaiveDate>,
    /// Whether it stands now.
    pub in_force: bool,
    /// Who recorded it.
    pub recorded_by: String,
    /// When.
    pub recorded_at: chrono::DateTime<chrono::Utc>,
}

impl From<RecordedConsent> for RecordedConsentView {
    fn from(c: RecordedConsent) -> Self {
        Self {
            in_force: c.in_force(),
            id: c.id.0,
            person_id: c.person_id.0,
            purpose: c.purpose,
            given_on: c.given_on,
            way: c.way.code().to_owned(),
            note: c.note,
            withdrawn_on: c.withdrawn_on,
            recorded_by: c.recorded_by,
            recorded_at: c.recorded_at,
        }
    }
}

/// A consent to record.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ConsentBody {
    /// What it is for, like "Photographs in our newsletter" (at most 200 characters).
    #[serde(default, deserialize_with = "text")]
    pub purpose: String,
    /// `given`, or `withdrawn` when they declined.
    #[serde(default, deserialize_with = "text")]
    pub state: String,
    /// The day, like `2027-03-05` (not in the future).
    #[serde(default, deserialize_with = "text")]
    pub on: String,
    /// `written`, `verbal` or `online`.
    #[serde(default, deserialize_with = "text")]
    pub way: String,
    /// A note (optional, at most 1,000 characters).
    #[serde(default, deserialize_with = "text")]
    pub note: String,
}

/// A withdrawal.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct WithdrawalBody {
    /// The day they withdrew it (optional: today); not before it was given nor in the future.
    #[serde(default, deserialize_with = "text")]
    pub on: String,
}

/// List a person's recorded consents
///
/// Consents recorded for the person on their own form, oldest first, with any withdrawal.
/// Volunteer managers and admins.
#[utoipa::path(get, path = "/api/v1/people/{id}/consents", tag = "privacy",
    params(("id" = Uuid, Path, description = "The person's id")),
    responses(
        (status = 200, description = "Their consents", body = Vec<RecordedConsentView>),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such person with this organisation", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn list_person_consents(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<PersonId>,
) -> Result<Json<Vec<RecordedConsentView>>, ApiError> {
    let consents = state.app.person_consents(&scope, id).await?;
    Ok(Json(consents.into_iter().map(Into::into).collect()))
}

/// Record a consent
///
/// That the person gave (or declined) consent to something, on a day and how. Audited as
/// `consent.recorded`. Volunteer managers and admins.
#[utoipa::path(post, path = "/api/v1/people/{id}/consents", tag = "privacy",
    params(("id" = Uuid, Path, description = "The person's id")),
    request_body = ConsentBody,
    responses(
        (status = 201, description = "Recorded", body = RecordedConsentView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such person with this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid (`purpose`, `state`, `on`, `way`, `note`); nothing was recorded", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn record_consent(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<PersonId>,
    body: Bytes,
) -> Result<(axum::http::StatusCode, Json<RecordedConsentView>), ApiError> {
    let body: ConsentBody = json(&body)?;
    let input = ConsentInput {
        purpose: body.purpose,
        state: body.state,
        on: body.on,
        way: body.way,
        note: body.note,
    };
    let consent = state.app.record_consent(&scope, id, &input).await?;
    Ok((axum::http::StatusCode::CREATED, Json(consent.into())))
}

/// Record that a person withdrew a consent
///
/// Only a consent that stands can be withdrawn; it is kept, with the day. Audited as
/// `consent.withdrawn`. Volunteer managers and admins.
#[utoipa::path(post, path = "/api/v1/people/{id}/consents/{consent_id}/withdraw", tag = "privacy",
    params(
        ("id" = Uuid, Path, description = "The person's id"),
        ("consent_id" = Uuid, Path, description = "The consent's id"),
    ),
    request_body(content = Option<WithdrawalBody>, description = "The day (optional: an empty body means today)"),
    responses(
        (status = 200, description = "Withdrawn", body = RecordedConsentView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such person with this organisation, or no such consent of theirs", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "Withdrawn meanwhile", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Already withdrawn, or the day is not a real date, before it was given or in the future (`on`)", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn withdraw_consent(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path((person, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<RecordedConsentView>, ApiError> {
    let person: PersonId = person.trim().parse().map_err(|_| AppError::NotFound)?;
    let id: ConsentId = id.trim().parse().map_err(|_| AppError::NotFound)?;
    let on = if body.iter().all(u8::is_ascii_whitespace) {
        String::new()
    } else {
        json::<WithdrawalBody>(&body)?.on
    };
    let consent = state.app.withdraw_consent(&scope, person, id, &on).await?;
    Ok(Json(consent.into()))
}
