//! Feedback from service users and carers about their own support, for other systems: what
//! they have said (newest first), and feedback staff record on their behalf.

use app::AppError;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, NaiveDate, Utc};
use domain::Labelled;
use domain::ids::SupportedPersonId;
use domain::instruments::feedback::{AnsweredBy, Rating};
use domain::support::{SupportFeedback, SupportFeedbackInput};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::ApiScope;
use super::input::{Id, json, text};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use super::views::code_schemas;
use crate::AppState;

code_schemas!(
    /// The codes of [`Rating`].
    RatingCode: Rating = "The answer to the FFT-style question: very good, good, neither good nor poor, poor, very poor or don't know.",
    /// The codes of [`AnsweredBy`].
    AnsweredByCode: AnsweredBy = "Who gave the feedback: the service user, their carer (or family or friend), or someone helping them answer.",
);

/// The feedback routes.
pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/service-users/{id}/feedback",
        get(list_feedback).post(record_feedback),
    )
}

/// One piece of feedback about someone's support.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SupportFeedbackView {
    /// Identifier.
    pub id: Uuid,
    /// The overall answer.
    #[schema(value_type = RatingCode)]
    pub rating: &'static str,
    /// The answer in words.
    pub rating_label: &'static str,
    /// Who answered.
    #[schema(value_type = AnsweredByCode)]
    pub answered_by: &'static str,
    /// What was good, or could be better.
    pub comment: String,
    /// Whether staff recorded it (otherwise it came through the person's own link).
    pub recorded_by_staff: bool,
    /// The day it was given.
    pub given_on: NaiveDate,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
}

impl From<SupportFeedback> for SupportFeedbackView {
    fn from(f: SupportFeedback) -> Self {
        Self {
            id: f.id.0,
            rating: f.rating.code(),
            rating_label: f.rating.label(),
            answered_by: f.answered_by.code(),
            comment: f.comment,
            recorded_by_staff: f.recorded_by.is_some(),
            given_on: f.given_on,
            recorded_at: f.recorded_at,
        }
    }
}

/// Feedback staff record on someone's behalf.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct SupportFeedbackBody {
    /// The overall answer.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = RatingCode)]
    pub rating: String,
    /// Who answered.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = AnsweredByCode)]
    pub answered_by: String,
    /// What was good, or could be better (optional, at most 2,000 characters).
    #[serde(default, deserialize_with = "text")]
    pub comment: String,
}

/// Feedback about someone's support
///
/// What they and their carers have said, through their own link or to staff, newest first.
#[utoipa::path(get, path = "/api/v1/service-users/{id}/feedback", tag = "service users",
    params(("id" = Uuid, Path, description = "The service user's id")),
    responses(
        (status = 200, description = "The feedback", body = [SupportFeedbackView]),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such service user in this organisation", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn list_feedback(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<SupportedPersonId>,
) -> Result<Json<Vec<SupportFeedbackView>>, ApiError> {
    let all = state.app.support_feedback(&scope, id).await?;
    Ok(Json(all.into_iter().map(Into::into).collect()))
}

/// Record feedback someone gave
///
/// Feedback a service user or carer gave a member of staff (on the phone, at a visit), kept
/// on their record.
#[utoipa::path(post, path = "/api/v1/service-users/{id}/feedback", tag = "service users",
    params(("id" = Uuid, Path, description = "The service user's id")),
    request_body = SupportFeedbackBody,
    responses(
        (status = 201, description = "The feedback as kept", body = SupportFeedbackView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such service user in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "No `rating` or `answered_by`, or a comment too long; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn record_feedback(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<SupportedPersonId>,
    body: Bytes,
) -> Result<Response, ApiError> {
    state.app.supported_person(&scope, id).await?;
    let b: SupportFeedbackBody = json(&body)?;
    let input = SupportFeedbackInput {
        rating: b.rating,
        answered_by: b.answered_by,
        comment: b.comment,
    };
    let kept = state
        .app
        .record_support_feedback(&scope, id, &input)
        .await
        .map_err(|e: AppError| -> ApiError { e.into() })?;
    Ok((StatusCode::CREATED, Json(SupportFeedbackView::from(kept))).into_response())
}
