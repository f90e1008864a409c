//! Surveys for other systems: each occasion's plan (read and change), recording an instrument's
//! licence, and the organisation's identified responses with their item-level answers and
//! scores. Anonymous responses are never listed one by one; they appear only in the report's
//! totals of five or more.

use app::AppError;
use app::quality_report::measure_scores;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use axum::{Json, Router};
use chrono::NaiveDate;
use domain::Labelled;
use domain::surveys::{LicenceInput, Occasion, SurveyPlan, SurveyPlanInput, SurveyResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::ApiScope;
use super::input::{json, query_value, text, text_list};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use crate::AppState;
use domain::outcomes::parse_period;

/// The survey routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/surveys/plans", get(list_plans))
        .route("/surveys/plans/{occasion}", put(save_plan))
        .route("/surveys/licences/{instrument}", put(record_licence))
        .route("/surveys/responses", get(list_responses))
}

/// What is sent on one occasion.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanView {
    /// `baseline`, `three_months`, `six_months`, `twelve_months`, `pulse` or `exit`.
    pub occasion: &'static str,
    /// The occasion in words.
    pub occasion_label: &'static str,
    /// Whether invitations are sent.
    pub enabled: bool,
    /// The codes of the instruments asked, in order (e.g. `ons4`, `brs`).
    pub instruments: Vec<&'static str>,
    /// Whether answers are kept with no link to the volunteer.
    pub anonymous: bool,
    /// Days the link stays open.
    pub close_after_days: u16,
    /// Days before the one reminder (0: none).
    pub remind_after_days: u16,
    /// For pulse surveys, one attended shift in this many is followed by a survey.
    pub pulse_one_in: u16,
}

impl From<&SurveyPlan> for PlanView {
    fn from(p: &SurveyPlan) -> Self {
        Self {
            occasion: p.occasion.code(),
            occasion_label: p.occasion.label(),
            enabled: p.enabled,
            instruments: p.instruments.iter().map(|i| i.code).collect(),
            anonymous: p.anonymous,
            close_after_days: p.close_after_days,
            remind_after_days: p.remind_after_days,
            pulse_one_in: p.pulse_one_in,
        }
    }
}

/// A plan to save.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct PlanBody {
    /// Whether invitations are sent.
    #[serde(default)]
    pub enabled: bool,
    /// Instrument codes: `ons4`, `swemwbs` (once licensed), `brs`, `ucla3`, `ons_lonely`,
    /// `experience`.
    #[serde(default, deserialize_with = "text_list")]
    pub instruments: Vec<String>,
    /// Whether answers are kept with no link to the volunteer.
    #[serde(default)]
    pub anonymous: bool,
    /// Days the link stays open, 1 to 60.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = u16)]
    pub close_after_days: String,
    /// Days before the reminder, 0 (none) to less than `close_after_days`.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = u16)]
    pub remind_after_days: String,
    /// For pulse surveys, one shift in how many (1 to 100); ignored otherwise.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<u16>)]
    pub pulse_one_in: String,
}

/// A licence to record.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct LicenceBody {
    /// When the organisation registered, like "2026-03-05".
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = NaiveDate)]
    pub registered_on: String,
    /// The registration's reference.
    #[serde(default, deserialize_with = "text")]
    pub reference: String,
    /// Must be true: the organisation has registered with the copyright holders.
    #[serde(default)]
    pub confirmed: bool,
}

/// A recorded licence.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LicenceView {
    /// The instrument's code.
    pub instrument: &'static str,
    /// When the organisation registered.
    pub registered_on: NaiveDate,
    /// The registration's reference.
    pub reference: String,
    /// Who recorded it.
    pub recorded_by: String,
}

/// One measure's score in a response.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ScoreView {
    /// The measure, in words.
    pub measure: &'static str,
    /// The score, computed here from the item-level answers.
    pub score: f64,
}

/// One identified response.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ResponseView {
    /// Identifier.
    pub id: Uuid,
    /// The volunteer who answered.
    pub person_id: Uuid,
    /// The occasion.
    pub occasion: &'static str,
    /// The instrument's code.
    pub instrument: &'static str,
    /// The instrument's version.
    pub instrument_version: u16,
    /// The role reported under.
    pub role_id: Option<Uuid>,
    /// The day answered.
    pub answered_on: NaiveDate,
    /// Item code → the value chosen, the words given, or null when skipped.
    #[schema(value_type = Object)]
    pub answers: domain::instruments::Answers,
    /// Each measure's score.
    pub scores: Vec<ScoreView>,
}

impl From<SurveyResponse> for ResponseView {
    fn from(r: SurveyResponse) -> Self {
        Self {
            id: r.id.0,
            person_id: r.person_id().map_or(Uuid::nil(), |p| p.0),
            occasion: r.occasion.code(),
            instrument: r.instrument.code,
            instrument_version: r.instrument.version,
            role_id: r.role_id.map(|x| x.0),
            answered_on: r.answered_on,
            scores: measure_scores(&r)
                .into_iter()
                .map(|(measure, score)| ScoreView { measure, score })
                .collect(),
            answers: r.answers,
        }
    }
}

/// The survey plans
///
/// Every occasion's plan, saved or (where never changed) the default.
#[utoipa::path(get, path = "/api/v1/surveys/plans", tag = "surveys",
    responses(
        (status = 200, description = "One plan per occasion", body = [PlanView]),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn list_plans(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
) -> Result<Json<Vec<PlanView>>, ApiError> {
    let settings = state.app.survey_settings(&scope).await?;
    Ok(Json(settings.plans.iter().map(PlanView::from).collect()))
}

/// Change an occasion's plan
///
/// Applies to invitations sent from now on. An instrument that needs a licence can only be
/// chosen once the licence is recorded.
#[utoipa::path(put, path = "/api/v1/surveys/plans/{occasion}", tag = "surveys",
    params(("occasion" = String, Path, description = "baseline, three_months, six_months, twelve_months, pulse or exit")),
    request_body = PlanBody,
    responses(
        (status = 200, description = "The saved plan", body = PlanView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such occasion", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn save_plan(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path(occasion): Path<String>,
    body: Bytes,
) -> Result<Json<PlanView>, ApiError> {
    let occasion = Occasion::from_code(occasion.trim()).ok_or(AppError::NotFound)?;
    let b: PlanBody = json(&body)?;
    let input = SurveyPlanInput {
        enabled: b.enabled,
        instruments: b.instruments,
        anonymous: b.anonymous,
        close_after_days: b.close_after_days,
        remind_after_days: b.remind_after_days,
        pulse_one_in: b.pulse_one_in,
    };
    let plan = state.app.save_survey_plan(&scope, occasion, &input).await?;
    Ok(Json(PlanView::from(&plan)))
}

/// Record an instrument's licence
///
/// For instruments whose copyright holders require registration (SWEMWBS): records that the
/// organisation has registered, which lets its plans include the instrument.
#[utoipa::path(put, path = "/api/v1/surveys/licences/{instrument}", tag = "surveys",
    params(("instrument" = String, Path, description = "The instrument's code, e.g. swemwbs")),
    request_body = LicenceBody,
    responses(
        (status = 200, description = "The recorded licence", body = LicenceView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Only an organisation admin can record a licence", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors` (an instrument that needs no licence is `instrument`)", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn record_licence(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path(instrument): Path<String>,
    body: Bytes,
) -> Result<Json<LicenceView>, ApiError> {
    let b: LicenceBody = json(&body)?;
    let input = LicenceInput {
        registered_on: b.registered_on,
        reference: b.reference,
        confirmed: b.confirmed,
    };
    let l = state
        .app
        .record_instrument_licence(&scope, instrument.trim(), &input)
        .await?;
    Ok(Json(LicenceView {
        instrument: l.instrument,
        registered_on: l.registered_on,
        reference: l.reference,
        recorded_by: l.recorded_by,
    }))
}

/// Identified survey responses
///
/// Item-level answers and scores of the organisation's identified responses answered in the
/// period (`from` and `to`, like 2026-04-01; default the last year). Anonymous responses are
/// not listed.
#[utoipa::path(get, path = "/api/v1/surveys/responses", tag = "surveys",
    params(
        ("from" = Option<NaiveDate>, Query, description = "First day (default a year before `to`)"),
        ("to" = Option<NaiveDate>, Query, description = "Last day (default today)"),
    ),
    responses(
        (status = 200, description = "The responses, oldest first", body = [ResponseView]),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "A bad `from` or `to`, named in `errors`", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn list_responses(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let raw = query.unwrap_or_default();
    let value = |name| query_value(&raw, name).unwrap_or_default();
    let (from, to, _) = parse_period(&value("from"), &value("to"), "", state.app.uk_today())
        .map_err(AppError::Invalid)?;
    let responses = state
        .app
        .identified_survey_responses(&scope, from, to)
        .await?;
    Ok(Json(
        responses
            .into_iter()
            .map(ResponseView::from)
            .collect::<Vec<_>>(),
    )
    .into_response())
}
