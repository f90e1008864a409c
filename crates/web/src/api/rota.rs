//! The rota as managers see it: shifts between UK dates with their role, site, fill and
//! under-filling, filtered by site or role; and adding a site's shifts from a week template.

use app::ports::ShiftRow;
use app::rota_views::{RotaFilter, RotaShift};
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{Days, NaiveDate};
use domain::FieldErrors;
use domain::rota::from_utc;
use domain::rota::week_template::{TemplateRowInput, WeekTemplateInput};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::auth::ApiScope;
use super::input::{json, query_value, text};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use super::views::ShiftView;
use crate::AppState;

/// The rota routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/rota", get(list_rota))
        .route("/rota/template", post(create_from_template))
}

/// The rota's range and filters. Blank values are ignored.
#[derive(Debug, Default, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(
    dead_code,
    reason = "describes the parameters for the OpenAPI document; `list_rota` reads them"
)]
pub struct RotaQuery {
    /// The first UK date, `YYYY-MM-DD`, included (default today).
    pub from: Option<NaiveDate>,
    /// The UK date to stop before, `YYYY-MM-DD`, not included (default 7 days after `from`; at
    /// most 92 days after it).
    pub to: Option<NaiveDate>,
    /// Only shifts at this site (an id).
    pub site: Option<uuid::Uuid>,
    /// Only shifts for this role (an id).
    pub role: Option<uuid::Uuid>,
}

/// A shift on the rota: the shift with its fill, and its role and site by name.
#[derive(Debug, Serialize, ToSchema)]
pub struct RotaShiftView {
    /// The shift, with how full it is.
    #[serde(flatten)]
    pub shift: ShiftView,
    /// The role's title.
    pub role_title: String,
    /// The site's name.
    pub site_name: String,
}

impl From<RotaShift> for RotaShiftView {
    fn from(r: RotaShift) -> Self {
        Self {
            shift: ShiftRow {
                shift: r.shift,
                booked: r.booked,
            }
            .into(),
            role_title: r.role_title,
            site_name: r.site_name,
        }
    }
}

/// The rota for a range of UK dates.
#[derive(Debug, Serialize, ToSchema)]
pub struct RotaView {
    /// The first UK date included.
    pub from: NaiveDate,
    /// The UK date the range stops before.
    pub to: NaiveDate,
    /// How many shifts are listed.
    pub total: usize,
    /// How many of them are under-filled (fewer booked than the minimum; not cancelled).
    pub under_filled: usize,
    /// The shifts, by start time, cancelled ones included.
    pub shifts: Vec<RotaShiftView>,
}

/// A `YYYY-MM-DD` date from the query, or an error naming `name`.
fn date(raw: &str, name: &str, errors: &mut FieldErrors) -> Option<NaiveDate> {
    let value = query_value(raw, name)?;
    let parsed = NaiveDate::parse_from_str(&value, "%Y-%m-%d").ok();
    if parsed.is_none() {
        errors.add(
            name,
            format!("{name} must be a real date written YYYY-MM-DD, like 2027-03-05"),
        );
    }
    parsed
}

/// An id from the query, or an error naming `name`.
fn id<T: std::str::FromStr>(raw: &str, name: &str, errors: &mut FieldErrors) -> Option<T> {
    let value = query_value(raw, name)?;
    let parsed = value.parse().ok();
    if parsed.is_none() {
        errors.add(
            name,
            format!("{name} must be the id of one of the organisation's {name}s"),
        );
    }
    parsed
}

/// Get the rota
///
/// The organisation's shifts starting on UK dates from `from` (included) up to `to` (not
/// included), by start time, cancelled ones too, each with its role and site by name, how full
/// it is and whether it is under-filled. Optionally only one site's or one role's. A supervisor's
/// token sees only their own sites.
#[utoipa::path(
    get,
    path = "/api/v1/rota",
    tag = "shifts",
    params(RotaQuery),
    responses(
        (status = 200, description = "The rota for the range", body = RotaView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "A date or id is invalid, or the range is longer than 92 days, named in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn list_rota(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    RawQuery(query): RawQuery,
) -> Result<Json<RotaView>, ApiError> {
    let raw = query.unwrap_or_default();
    let mut errors = FieldErrors::new();
    let from = date(&raw, "from", &mut errors);
    let to = date(&raw, "to", &mut errors);
    let filter = RotaFilter {
        site_id: id(&raw, "site", &mut errors),
        role_id: id(&raw, "role", &mut errors),
    };
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let from = from.unwrap_or_else(|| from_utc(state.app.clock.now()).date());
    let to = to.unwrap_or(from + Days::new(7));
    let rota = state.app.rota(&scope, from, to, filter).await?;
    let under_filled = rota.shifts.iter().filter(|s| s.under_filled()).count();
    Ok(Json(RotaView {
        from,
        to,
        total: rota.shifts.len(),
        under_filled,
        shifts: rota.shifts.into_iter().map(Into::into).collect(),
    }))
}

/// One row of a week's pattern.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct TemplateRowBody {
    /// The day of the week: "mon" … "sun", or its name.
    #[serde(default, deserialize_with = "text")]
    pub weekday: String,
    /// The id of one of the organisation's roles.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Uuid)]
    pub role_id: String,
    /// The UK clock time it starts, like "10:00" or "10am".
    #[serde(default, deserialize_with = "text")]
    pub start_time: String,
    /// The UK clock time it ends; at or before the start means the next day.
    #[serde(default, deserialize_with = "text")]
    pub end_time: String,
    /// Fewest volunteers needed, 0 to 500.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = u32)]
    pub min_volunteers: String,
    /// Most volunteers taken, 1 to 500.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = u32)]
    pub max_volunteers: String,
    /// Notes for volunteers; up to 2000 characters.
    #[serde(default, deserialize_with = "text")]
    pub notes: String,
}

/// A week template: a site, a range of dates and the week's pattern.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct TemplateBody {
    /// The id of one of the organisation's sites.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Uuid)]
    pub site_id: String,
    /// The first date shifts may fall on, like "2027-03-01".
    #[serde(default, deserialize_with = "text")]
    pub from: String,
    /// The last date shifts may fall on, included; at most 26 weeks after `from`.
    #[serde(default, deserialize_with = "text")]
    pub until: String,
    /// The week's shifts, at most 50. Problems are named by row number from 1, as
    /// `row-3-start_time`; a row whose fields are all blank is skipped.
    #[serde(default)]
    pub rows: Vec<TemplateRowBody>,
}

/// The shifts a template added.
#[derive(Debug, Serialize, ToSchema)]
pub struct TemplateResult {
    /// How many shifts were added.
    pub added: usize,
    /// The new shifts, by date and then row.
    pub shifts: Vec<ShiftView>,
}

/// Add shifts from a week template
///
/// Adds every row of the week's pattern on its day in every week from `from` to `until`, at the
/// row's UK clock times whatever the clocks do, all at one site. All the shifts are added, or
/// none: any problem is a 422 naming its field, rows by number (`row-3-end_time`, "Row 3: …").
#[utoipa::path(
    post,
    path = "/api/v1/rota/template",
    tag = "shifts",
    request_body = TemplateBody,
    responses(
        (status = 201, description = "The shifts added", body = TemplateResult),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn create_from_template(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    body: Bytes,
) -> Result<Response, ApiError> {
    let body = json::<TemplateBody>(&body)?;
    let input = WeekTemplateInput {
        site_id: body.site_id,
        from: body.from,
        until: body.until,
        rows: body
            .rows
            .into_iter()
            .map(|r| TemplateRowInput {
                weekday: r.weekday,
                role_id: r.role_id,
                start_time: r.start_time,
                end_time: r.end_time,
                min_volunteers: r.min_volunteers,
                max_volunteers: r.max_volunteers,
                notes: r.notes,
            })
            .collect(),
    };
    let shifts = state.app.add_week_template(&scope, &input).await?;
    let views: Vec<ShiftView> = shifts
        .into_iter()
        .map(|shift| ShiftRow { shift, booked: 0 }.into())
        .collect();
    Ok((
        StatusCode::CREATED,
        Json(TemplateResult {
            added: views.len(),
            shifts: views,
        }),
    )
        .into_response())
}
