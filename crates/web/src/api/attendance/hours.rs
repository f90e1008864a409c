//! Hours: logged hours to review, recording hours for a volunteer, approving or querying them,
//! and the year's totals by month.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Datelike;
use domain::FieldErrors;
use domain::ids::{HoursLogId, PersonId};
use domain::rota::from_utc;
use domain::rota::hours::{HoursInput, HoursStatus};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::views::{HoursPage, HoursReportView, HoursView, MonthsView};
use crate::AppState;
use crate::api::auth::ApiScope;
use crate::api::input::{Id, json, paging, query_code, query_value, text};
use crate::api::problem::{ApiError, PROBLEM_JSON, Problem};
use crate::api::views::{Paging, page_of};

/// The hours routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/hours", get(list_hours).post(record_hours))
        .route("/hours/{id}", get(get_hours))
        .route("/hours/{id}/approve", post(approve_hours))
        .route("/hours/{id}/query", post(query_hours))
        .route("/reports/hours", get(hours_report))
}

/// The filter and paging of the logged hours. Blank values are ignored.
#[derive(Debug, Default, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(
    dead_code,
    reason = "describes the parameters for the OpenAPI document; `list_hours` reads them"
)]
pub struct HoursQuery {
    /// Only hours in this status: submitted, approved or queried (default all).
    pub status: Option<String>,
    /// The page, from 1 (default 1).
    #[param(minimum = 1)]
    pub page: Option<u32>,
    /// Items per page, 1 to 500 (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
}

/// The year of the hours report.
#[derive(Debug, Default, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(
    dead_code,
    reason = "describes the parameters for the OpenAPI document; `hours_report` reads them"
)]
pub struct YearQuery {
    /// The calendar year, 2000 to 2100 (default this year).
    pub year: Option<i32>,
}

/// Hours a member of staff records for a volunteer (approved at once).
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct HoursBody {
    /// The volunteer, active in the role.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Uuid)]
    pub person_id: String,
    /// The role it was for.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Uuid)]
    pub role_id: String,
    /// The UK date, like "2027-03-05"; not in the future.
    #[serde(default, deserialize_with = "text")]
    pub date: String,
    /// Whole hours (optional when `minutes` says it all).
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<u32>)]
    pub hours: String,
    /// Minutes; more than 0 in all and at most 24 hours with `hours`.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<u32>)]
    pub minutes: String,
    /// What they did.
    #[serde(default, deserialize_with = "text")]
    pub description: String,
}

/// A manager's question about logged hours.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct QueryBody {
    /// The question for the volunteer, who gets it by email.
    #[serde(default, deserialize_with = "text")]
    pub message: String,
}

/// List logged hours
///
/// The hours volunteers logged outside shifts, newest first (at most the latest 1,000).
#[utoipa::path(
    get,
    path = "/api/v1/hours",
    tag = "hours",
    params(HoursQuery),
    responses(
        (status = 200, description = "A page of logged hours", body = HoursPage),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow seeing every volunteer's hours", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "A status or paging value is invalid, named in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn list_hours(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    RawQuery(query): RawQuery,
) -> Result<Json<HoursPage>, ApiError> {
    let raw = query.unwrap_or_default();
    let mut errors = FieldErrors::new();
    let status = query_code::<HoursStatus>(&raw, "status", &mut errors);
    let (page, per_page) = paging(&raw, &mut errors);
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let lines = state.app.hours_for_review(&scope, status).await?;
    let paging = Paging {
        page: page.unwrap_or(1),
        per_page: per_page.unwrap_or(crate::api::people::DEFAULT_PER_PAGE),
    };
    Ok(Json(page_of::<_, HoursPage>(lines, paging)))
}

/// Get logged hours
#[utoipa::path(
    get,
    path = "/api/v1/hours/{id}",
    tag = "hours",
    params(("id" = Uuid, Path, description = "The logged hours' id")),
    responses(
        (status = 200, description = "The logged hours", body = HoursView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such hours in this organisation", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn get_hours(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<HoursLogId>,
) -> Result<Json<HoursView>, ApiError> {
    Ok(Json(state.app.hours_entry(&scope, id).await?.into()))
}

/// Record hours for a volunteer
///
/// Hours a volunteer gave outside shifts, recorded by staff for them and approved at once. The
/// volunteer must be active in the role; the date cannot be in the future; more than no time
/// and at most 24 hours.
#[utoipa::path(
    post,
    path = "/api/v1/hours",
    tag = "hours",
    request_body = HoursBody,
    responses(
        (status = 201, description = "The hours as recorded", body = HoursView,
            headers(("location" = String, description = "The hours' address"))),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn record_hours(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    body: Bytes,
) -> Result<Response, ApiError> {
    let body = json::<HoursBody>(&body)?;
    let input = HoursInput {
        date: body.date,
        hours: body.hours,
        minutes: body.minutes,
        description: body.description,
    };
    // An unknown volunteer is simply not active in the role: the role's error says so.
    let person = body
        .person_id
        .trim()
        .parse()
        .unwrap_or(PersonId(uuid::Uuid::nil()));
    let log = state
        .app
        .record_hours(&scope, person, &body.role_id, &input)
        .await?;
    let view: HoursView = state.app.hours_entry(&scope, log.id).await?.into();
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/api/v1/hours/{}", log.id))],
        Json(view),
    )
        .into_response())
}

/// Approve logged hours
///
/// The hours count from now on; the volunteer is told by email (unless they chose not to be).
#[utoipa::path(
    post,
    path = "/api/v1/hours/{id}/approve",
    tag = "hours",
    params(("id" = Uuid, Path, description = "The logged hours' id")),
    responses(
        (status = 200, description = "The approved hours", body = HoursView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such hours in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "They are already approved", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn approve_hours(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<HoursLogId>,
) -> Result<Json<HoursView>, ApiError> {
    state.app.approve_hours(&scope, id).await?;
    Ok(Json(state.app.hours_entry(&scope, id).await?.into()))
}

/// Ask about logged hours
///
/// Sends the volunteer a question by email (unless they chose not to be told); they can change
/// the hours and send them again. Only hours waiting for a decision can be queried.
#[utoipa::path(
    post,
    path = "/api/v1/hours/{id}/query",
    tag = "hours",
    params(("id" = Uuid, Path, description = "The logged hours' id")),
    request_body = QueryBody,
    responses(
        (status = 200, description = "The queried hours", body = HoursView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such hours in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "They are already approved, or already queried", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "No message, named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn query_hours(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<HoursLogId>,
    body: Bytes,
) -> Result<Json<HoursView>, ApiError> {
    let body = json::<QueryBody>(&body)?;
    state.app.query_hours(&scope, id, &body.message).await?;
    Ok(Json(state.app.hours_entry(&scope, id).await?.into()))
}

/// Get hours by month
///
/// A calendar year's hours by month, in minutes, for the organisation and per volunteer, role
/// and site: shifts attended (from check-in to check-out, or the shift's times when staff
/// recorded attendance without times) and approved logged hours (which have no site).
#[utoipa::path(
    get,
    path = "/api/v1/reports/hours",
    tag = "hours",
    params(YearQuery),
    responses(
        (status = 200, description = "The year's hours by month", body = HoursReportView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow seeing every volunteer's hours", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "The year is not a year from 2000 to 2100, named in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn hours_report(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    RawQuery(query): RawQuery,
) -> Result<Json<HoursReportView>, ApiError> {
    let year = match query_value(query.as_deref().unwrap_or_default(), "year") {
        None => from_utc(state.app.clock.now()).year(),
        Some(y) => match y.parse::<i32>() {
            Ok(y) if (2000..=2100).contains(&y) => y,
            _ => {
                return Err(FieldErrors::one(
                    "year",
                    "Year must be a year from 2000 to 2100, like 2027",
                )
                .into());
            }
        },
    };
    let report = state.app.hours_report(&scope, year).await?;
    let t = &report.totals;
    let named =
        |id: uuid::Uuid, name: Option<&String>| (Some(id), name.cloned().unwrap_or_default());
    let mut volunteers: Vec<MonthsView> = t
        .by_person
        .iter()
        .map(|(p, m)| {
            let (id, name) = named(p.0, report.people.get(p));
            MonthsView::new(id, name, m)
        })
        .collect();
    volunteers.sort_by(|a, b| a.name.cmp(&b.name));
    let mut roles: Vec<MonthsView> = t
        .by_role
        .iter()
        .map(|(r, m)| {
            let (id, name) = named(r.0, report.roles.get(r));
            MonthsView::new(id, name, m)
        })
        .collect();
    roles.sort_by(|a, b| a.name.cmp(&b.name));
    let mut sites: Vec<MonthsView> = t
        .by_site
        .iter()
        .map(|(s, m)| match s {
            Some(s) => {
                let (id, name) = named(s.0, report.sites.get(s));
                MonthsView::new(id, name, m)
            }
            None => MonthsView::new(None, "Logged hours (no site)".into(), m),
        })
        .collect();
    sites.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Json(HoursReportView {
        year,
        organisation: MonthsView::new(None, scope.organisation().name.clone(), &t.organisation),
        volunteers,
        roles,
        sites,
    }))
}
