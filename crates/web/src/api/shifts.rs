//! The rota: shifts in a range of UK dates with how full each is, one shift, and adding one.

use app::OrgScope;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use domain::FieldErrors;
use domain::ids::{RoleId, ShiftId, SiteId};
use domain::rota::{Edge, ShiftInput, from_utc, to_instant};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::auth::ApiScope;
use super::input::{Id, json, paging, query_value, text};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use super::views::{Paging, ShiftPage, ShiftView, page_of};
use crate::AppState;

/// Days listed when the query gives no `to`.
pub const DEFAULT_DAYS: u64 = 7;

/// The most days one list may cover.
pub const MAX_DAYS: u64 = 92;

/// The shift routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/shifts", get(list_shifts).post(create_shift))
        .route("/shifts/{id}", get(get_shift))
}

/// The range and paging of the shifts list. Blank values are ignored.
#[derive(Debug, Default, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(
    dead_code,
    reason = "describes the parameters for the OpenAPI document; `Range::parse` reads them"
)]
pub struct ShiftsQuery {
    /// The first UK date, `YYYY-MM-DD`, included (default today).
    pub from: Option<NaiveDate>,
    /// The UK date to stop before, `YYYY-MM-DD`, not included (default 7 days after `from`; at
    /// most 92 days after it).
    pub to: Option<NaiveDate>,
    /// The page, from 1 (default 1).
    #[param(minimum = 1)]
    pub page: Option<u32>,
    /// Shifts per page, 1 to 500 (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
}

/// A checked range: UK midnight at the start of `from` to UK midnight at the start of `to`.
struct Range {
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    paging: Paging,
}

/// A `YYYY-MM-DD` date from the query, or an error naming `name`.
fn date(raw: &str, name: &str, label: &str, errors: &mut FieldErrors) -> Option<NaiveDate> {
    let value = query_value(raw, name)?;
    let parsed = NaiveDate::parse_from_str(&value, "%Y-%m-%d").ok();
    if parsed.is_none() {
        errors.add(
            name,
            format!("{label} must be a real date written YYYY-MM-DD, like 2027-03-05"),
        );
    }
    parsed
}

/// UK midnight at the start of `day`, as a UTC instant.
fn midnight(day: NaiveDate) -> Option<DateTime<Utc>> {
    to_instant(day.and_time(NaiveTime::MIN), Edge::Start)
}

impl Range {
    /// Reads a query string, with `today` (a UK date) as the default start.
    fn parse(raw: &str, today: NaiveDate) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let from = date(raw, "from", "From", &mut errors);
        let to = date(raw, "to", "To", &mut errors);
        let (page, per_page) = paging(raw, &mut errors);
        let from = from.unwrap_or(today);
        let to = to.or_else(|| from.checked_add_days(Days::new(DEFAULT_DAYS)));
        let mut instants = None;
        if errors.is_empty() {
            match to {
                Some(to) if to <= from => errors.add("to", "To must be a date after from"),
                Some(to) if from.checked_add_days(Days::new(MAX_DAYS)) < Some(to) => errors.add(
                    "to",
                    format!(
                        "To must be at most {MAX_DAYS} days after from; ask for a shorter range"
                    ),
                ),
                _ => {}
            }
            instants = midnight(from).zip(to.and_then(midnight));
            if errors.is_empty() && instants.is_none() {
                errors.add("from", "From must be a real date, like 2027-03-05");
            }
        }
        match instants {
            Some((from, to)) if errors.is_empty() => Ok(Self {
                from,
                to,
                paging: Paging {
                    page: page.unwrap_or(1),
                    per_page: per_page.unwrap_or(super::people::DEFAULT_PER_PAGE),
                },
            }),
            _ => Err(errors),
        }
    }
}

/// A shift as sent to add one.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ShiftBody {
    /// The id of one of the organisation's roles.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Uuid)]
    pub role_id: String,
    /// The id of one of the organisation's sites.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Uuid)]
    pub site_id: String,
    /// The UK date, like "2027-03-05" or "5 3 2027".
    #[serde(default, deserialize_with = "text")]
    pub date: String,
    /// The UK clock time it starts, like "10:00" or "10am".
    #[serde(default, deserialize_with = "text")]
    pub start_time: String,
    /// The UK clock time it ends; at or before the start means the next day.
    #[serde(default, deserialize_with = "text")]
    pub end_time: String,
    /// Fewest volunteers needed, 0 to 500 (a string of digits is accepted too).
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = u32)]
    pub min_volunteers: String,
    /// Most volunteers taken, 1 to 500 (a string of digits is accepted too).
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = u32)]
    pub max_volunteers: String,
    /// Notes for volunteers; up to 2000 characters.
    #[serde(default, deserialize_with = "text")]
    pub notes: String,
}

impl ShiftBody {
    /// The ids and the domain input. An id that is not an id fails, with every other problem.
    fn into_parts(self) -> Result<(RoleId, SiteId, ShiftInput), FieldErrors> {
        let role_id: Option<RoleId> = self.role_id.trim().parse().ok();
        let site_id: Option<SiteId> = self.site_id.trim().parse().ok();
        let input = ShiftInput {
            date: self.date,
            start_time: self.start_time,
            end_time: self.end_time,
            min_volunteers: self.min_volunteers,
            max_volunteers: self.max_volunteers,
            notes: self.notes,
        };
        if let (Some(role_id), Some(site_id)) = (role_id, site_id) {
            return Ok((role_id, site_id, input));
        }
        let mut errors = FieldErrors::new();
        if role_id.is_none() {
            errors.add("role_id", "Select a role from this organisation's list");
        }
        if site_id.is_none() {
            errors.add("site_id", "Select a site from this organisation's list");
        }
        for e in input
            .parse_template()
            .err()
            .map(|e| e.0)
            .unwrap_or_default()
        {
            errors.add(&e.field, e.message);
        }
        Err(errors)
    }
}

/// One shift of the scope's organisation, with its fill.
async fn shift_of(state: &AppState, scope: &OrgScope, id: ShiftId) -> Result<ShiftView, ApiError> {
    Ok(state.app.shift(scope, id).await?.into())
}

/// List shifts in a range of dates
///
/// A page of the organisation's shifts starting on UK dates from `from` (included) up to `to`
/// (not included), by start time, cancelled ones too, each with how full it is.
#[utoipa::path(
    get,
    path = "/api/v1/shifts",
    tag = "shifts",
    params(ShiftsQuery),
    responses(
        (status = 200, description = "A page of the organisation's shifts in the range", body = ShiftPage),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "A date or paging value is invalid, or the range is longer than 92 days, named in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn list_shifts(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    RawQuery(query): RawQuery,
) -> Result<Json<ShiftPage>, ApiError> {
    let today = from_utc(state.app.clock.now()).date();
    let range = Range::parse(query.as_deref().unwrap_or_default(), today)?;
    let rows = state
        .app
        .shifts_between(&scope, range.from, range.to)
        .await?;
    Ok(Json(page_of::<_, ShiftPage>(rows, range.paging)))
}

/// Get one shift
#[utoipa::path(
    get,
    path = "/api/v1/shifts/{id}",
    tag = "shifts",
    params(("id" = Uuid, Path, description = "The shift's id")),
    responses(
        (status = 200, description = "The shift, with how full it is", body = ShiftView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such shift in this organisation", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn get_shift(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<ShiftId>,
) -> Result<Json<ShiftView>, ApiError> {
    Ok(Json(shift_of(&state, &scope, id).await?))
}

/// Add a shift
///
/// One shift of a role at a site, typed in UK clock time. When the clocks go back, a repeated
/// start time means its first occurrence and a repeated end time its second; when they go
/// forward, a time that never happens moves on to 2am.
#[utoipa::path(
    post,
    path = "/api/v1/shifts",
    tag = "shifts",
    request_body = ShiftBody,
    responses(
        (status = 201, description = "The new shift", body = ShiftView,
            headers(("location" = String, description = "The new shift's address"))),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn create_shift(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    body: Bytes,
) -> Result<Response, ApiError> {
    let (role_id, site_id, input) = json::<ShiftBody>(&body)?.into_parts()?;
    let shift = state
        .app
        .add_shift(&scope, role_id, site_id, &input)
        .await?;
    let view = shift_of(&state, &scope, shift.id).await?;
    let location = format!("/api/v1/shifts/{}", shift.id.0);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(view),
    )
        .into_response())
}
