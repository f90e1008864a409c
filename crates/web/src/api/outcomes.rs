//! Outcome frameworks for other systems: each role's indicators (list and add), and activity
//! logged against them (staff logging for a volunteer, and the organisation's records).

use app::AppError;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::NaiveDate;
use domain::ids::{OutcomeIndicatorId, PersonId, RoleId};
use domain::outcome_framework::{ActivityInput, ActivityRecord, IndicatorInput, OutcomeIndicator};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::ApiScope;
use super::input::{Id, json, query_value, text};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use crate::AppState;
use domain::outcomes::parse_period;

/// The outcome routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/outcome-indicators", get(list_indicators))
        .route("/roles/{id}/outcome-indicators", post(add_indicator))
        .route("/people/{id}/activity", post(log_activity))
        .route("/activity", get(list_activity))
}

/// An indicator of a role's outcome framework.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IndicatorView {
    /// Identifier.
    pub id: Uuid,
    /// The role.
    pub role_id: Uuid,
    /// What is counted.
    pub name: String,
    /// Its unit.
    pub unit: String,
    /// Minutes of staff time each releases, when counted.
    pub minutes_each: Option<u16>,
    /// No longer counted.
    pub retired: bool,
}

impl From<OutcomeIndicator> for IndicatorView {
    fn from(i: OutcomeIndicator) -> Self {
        Self {
            id: i.id.0,
            role_id: i.role_id.0,
            name: i.name,
            unit: i.unit,
            minutes_each: i.minutes_each,
            retired: i.retired,
        }
    }
}

/// A new indicator.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct IndicatorBody {
    /// What is counted, like "Patients helped at mealtimes".
    #[serde(default, deserialize_with = "text")]
    pub name: String,
    /// The unit, like "patients".
    #[serde(default, deserialize_with = "text")]
    pub unit: String,
    /// Minutes of staff time each releases (1 to 480), or blank.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<u16>)]
    pub minutes_each: String,
}

/// Activity to log.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ActivityBody {
    /// The indicator.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Uuid)]
    pub indicator_id: String,
    /// How many, 1 to 1000.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = u32)]
    pub quantity: String,
    /// The day, like "2026-11-28" (default today; up to 90 days back).
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<NaiveDate>)]
    pub done_on: String,
    /// A short note.
    #[serde(default, deserialize_with = "text")]
    pub note: String,
}

/// Activity logged.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActivityView {
    /// Identifier.
    pub id: Uuid,
    /// The indicator.
    pub indicator_id: Uuid,
    /// The volunteer.
    pub person_id: Uuid,
    /// Who logged it.
    pub logged_by: String,
    /// The day it was done.
    pub done_on: NaiveDate,
    /// How many.
    pub quantity: u32,
    /// The note.
    pub note: String,
}

impl From<ActivityRecord> for ActivityView {
    fn from(a: ActivityRecord) -> Self {
        Self {
            id: a.id.0,
            indicator_id: a.indicator_id.0,
            person_id: a.person_id.0,
            logged_by: a.logged_by,
            done_on: a.done_on,
            quantity: a.quantity,
            note: a.note,
        }
    }
}

/// Outcome indicators
///
/// Every role's indicators, retired ones too.
#[utoipa::path(get, path = "/api/v1/outcome-indicators", tag = "outcomes",
    responses(
        (status = 200, description = "The indicators, by role", body = [IndicatorView]),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn list_indicators(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
) -> Result<Json<Vec<IndicatorView>>, ApiError> {
    let framework = state.app.outcome_framework(&scope).await?;
    Ok(Json(
        framework
            .into_iter()
            .flat_map(|f| f.indicators)
            .map(IndicatorView::from)
            .collect(),
    ))
}

/// Add an indicator to a role
#[utoipa::path(post, path = "/api/v1/roles/{id}/outcome-indicators", tag = "outcomes",
    params(("id" = Uuid, Path, description = "The role's id")),
    request_body = IndicatorBody,
    responses(
        (status = 201, description = "The new indicator", body = IndicatorView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such role in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn add_indicator(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(role): Id<RoleId>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let b: IndicatorBody = json(&body)?;
    let input = IndicatorInput {
        name: b.name,
        unit: b.unit,
        minutes_each: b.minutes_each,
    };
    let indicator = state
        .app
        .add_outcome_indicator(&scope, role, &input)
        .await?;
    Ok((StatusCode::CREATED, Json(IndicatorView::from(indicator))).into_response())
}

/// Log activity for a volunteer
///
/// Staff record what a volunteer did against one of the organisation's indicators.
#[utoipa::path(post, path = "/api/v1/people/{id}/activity", tag = "outcomes",
    params(("id" = Uuid, Path, description = "The volunteer's id")),
    request_body = ActivityBody,
    responses(
        (status = 201, description = "The activity logged", body = ActivityView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow seeing volunteers", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such volunteer or indicator in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn log_activity(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(person): Id<PersonId>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let b: ActivityBody = json(&body)?;
    let indicator: OutcomeIndicatorId = b
        .indicator_id
        .trim()
        .parse()
        .map_err(|_| AppError::NotFound)?;
    let input = ActivityInput {
        quantity: b.quantity,
        done_on: b.done_on,
        note: b.note,
    };
    let record = state
        .app
        .log_activity(&scope, person, indicator, &input)
        .await?;
    Ok((StatusCode::CREATED, Json(ActivityView::from(record))).into_response())
}

/// Activity logged
///
/// The organisation's activity done in the period (`from`, `to`; default the last year).
#[utoipa::path(get, path = "/api/v1/activity", tag = "outcomes",
    params(
        ("from" = Option<NaiveDate>, Query, description = "First day (default a year before `to`)"),
        ("to" = Option<NaiveDate>, Query, description = "Last day (default today)"),
    ),
    responses(
        (status = 200, description = "The activity, by day", body = [ActivityView]),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow seeing volunteers", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "A bad `from` or `to`, named in `errors`", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn list_activity(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    RawQuery(query): RawQuery,
) -> Result<Json<Vec<ActivityView>>, ApiError> {
    let raw = query.unwrap_or_default();
    let value = |name| query_value(&raw, name).unwrap_or_default();
    let (from, to, _) = parse_period(&value("from"), &value("to"), "", state.app.uk_today())
        .map_err(AppError::Invalid)?;
    let records = state.app.activity_between(&scope, from, to).await?;
    Ok(Json(records.into_iter().map(ActivityView::from).collect()))
}
