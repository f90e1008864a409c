//! A volunteer's regular slots (standing commitments) for their managers' systems: listing
//! them, setting one up (which books the volunteer into the matching shifts already on the
//! rota) and ending one (which cancels its places on later shifts).

use app::AppError;
use app::commitments::CommitmentView as Described;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{NaiveDate, Weekday};
use domain::FieldErrors;
use domain::ids::{CommitmentId, PersonId, RoleId, SiteId};
use domain::rota::{CommitmentInput, weekday_code};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::ApiScope;
use super::input::{Id, json, text};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use crate::AppState;

/// The commitment routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/people/{id}/commitments",
            get(list_commitments).post(add_commitment),
        )
        .route(
            "/people/{id}/commitments/{commitment_id}/end",
            post(end_commitment),
        )
}

/// A volunteer's regular slot: the role, the site, the day and the UK clock times it books
/// them into, and the dates it runs between.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CommitmentView {
    /// Identifier.
    pub id: Uuid,
    /// The volunteer.
    pub person_id: Uuid,
    /// The role they do.
    pub role_id: Uuid,
    /// The role's title.
    pub role_title: String,
    /// Where.
    pub site_id: Uuid,
    /// The site's name.
    pub site_name: String,
    /// The day of the week: `mon` … `sun`.
    pub weekday: &'static str,
    /// The day in words, like "Tuesday".
    pub weekday_name: &'static str,
    /// The UK clock time it starts, "HH:MM".
    pub start_time: String,
    /// The UK clock time it ends, "HH:MM"; at or before the start means the next day.
    pub end_time: String,
    /// Weeks between occurrences: 1 is every week.
    pub interval_weeks: u8,
    /// The first date it can fall on.
    pub starts_on: NaiveDate,
    /// The last date, once it has been ended (or was set up to end).
    pub ends_on: Option<NaiveDate>,
}

/// The day of the week in words.
fn day_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

impl From<Described> for CommitmentView {
    fn from(v: Described) -> Self {
        let c = v.commitment;
        Self {
            id: c.id.0,
            person_id: c.person_id.0,
            role_id: c.role_id.0,
            role_title: v.role_title,
            site_id: c.site_id.0,
            site_name: v.site_name,
            weekday: weekday_code(c.weekday),
            weekday_name: day_name(c.weekday),
            start_time: c.start.format("%H:%M").to_string(),
            end_time: c.end.format("%H:%M").to_string(),
            interval_weeks: c.interval_weeks,
            starts_on: c.starts_on,
            ends_on: c.ends_on,
        }
    }
}

/// A new regular slot for a volunteer.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct CommitmentBody {
    /// One of the roles the volunteer is active in.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Uuid)]
    pub role_id: String,
    /// One of the organisation's sites.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Uuid)]
    pub site_id: String,
    /// The day of the week: "mon" … "sun", or its name.
    #[serde(default, deserialize_with = "text")]
    pub weekday: String,
    /// The UK clock time it starts, like "10:00" or "10am".
    #[serde(default, deserialize_with = "text")]
    pub start_time: String,
    /// The UK clock time it ends; at or before the start means the next day.
    #[serde(default, deserialize_with = "text")]
    pub end_time: String,
    /// Every how many weeks, 1 to 8 (default 1: every week).
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<u8>)]
    pub interval_weeks: String,
    /// The first date it can fall on, like "2027-03-01".
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = NaiveDate)]
    pub starts_on: String,
    /// The last date, if it is to end; blank for no end.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<NaiveDate>)]
    pub ends_on: String,
}

/// A new regular slot, and the places it booked.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AddedCommitment {
    /// The regular slot.
    pub commitment: CommitmentView,
    /// How many places it booked on shifts already on the rota (in the next 12 weeks). A shift
    /// that is full, clashes with another of the volunteer's, or that they are not eligible
    /// for on the day is skipped.
    pub booked: usize,
}

/// When a regular slot ends.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct EndBody {
    /// The last day it books, like "2027-03-31": today or later (default today). Places on
    /// later shifts are cancelled.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<NaiveDate>)]
    pub last_day: String,
}

/// What ending a regular slot cancelled.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EndedCommitment {
    /// How many of the volunteer's places on later shifts were cancelled (and offered to the
    /// shifts' waiting lists).
    pub cancelled: usize,
}

/// Refuses (404) anyone who has no role with this organisation, before anything else is read.
async fn require_volunteer(
    state: &AppState,
    scope: &app::OrgScope,
    person: PersonId,
) -> Result<(), ApiError> {
    state.app.commitment_choices(scope, person).await?;
    Ok(())
}

/// A volunteer's regular slots
///
/// Their standing commitments in this organisation, ended ones included.
#[utoipa::path(get, path = "/api/v1/people/{id}/commitments", tag = "commitments",
    params(("id" = Uuid, Path, description = "The volunteer's id")),
    responses(
        (status = 200, description = "The volunteer's regular slots", body = [CommitmentView]),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow seeing volunteers", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such volunteer in this organisation", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn list_commitments(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(person): Id<PersonId>,
) -> Result<Json<Vec<CommitmentView>>, ApiError> {
    require_volunteer(&state, &scope, person).await?;
    let commitments = state.app.commitments_of(&scope, person).await?;
    let described = state.app.describe_commitments(commitments).await?;
    Ok(Json(described.into_iter().map(Into::into).collect()))
}

/// Set up a regular slot for a volunteer
///
/// Books the volunteer into every shift of the role at the site on that day and at those UK
/// clock times in the next 12 weeks, and into each such shift added later. A place that cannot
/// be had (full, a clash, not eligible that day, away) is skipped, never forced.
#[utoipa::path(post, path = "/api/v1/people/{id}/commitments", tag = "commitments",
    params(("id" = Uuid, Path, description = "The volunteer's id")),
    request_body = CommitmentBody,
    responses(
        (status = 201, description = "The new regular slot, and how many places it booked", body = AddedCommitment),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such volunteer in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors` (a role the volunteer is not active in is `role_id`); nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn add_commitment(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(person): Id<PersonId>,
    body: Bytes,
) -> Result<Response, ApiError> {
    require_volunteer(&state, &scope, person).await?;
    let b: CommitmentBody = json(&body)?;
    // An id that is missing or not an id becomes a fresh one, which the app refuses by field.
    let role: RoleId = b.role_id.trim().parse().unwrap_or_else(|_| RoleId::new());
    let site: SiteId = b.site_id.trim().parse().unwrap_or_else(|_| SiteId::new());
    let input = CommitmentInput {
        weekday: b.weekday,
        start_time: b.start_time,
        end_time: b.end_time,
        interval_weeks: b.interval_weeks,
        starts_on: b.starts_on,
        ends_on: b.ends_on,
    };
    let (commitment, booked) = state
        .app
        .add_commitment(&scope, person, role, site, &input)
        .await?;
    let view = state
        .app
        .describe_commitments(vec![commitment])
        .await?
        .into_iter()
        .next()
        .map(CommitmentView::from)
        .ok_or(AppError::NotFound)?;
    Ok((
        StatusCode::CREATED,
        Json(AddedCommitment {
            commitment: view,
            booked,
        }),
    )
        .into_response())
}

/// End a volunteer's regular slot
///
/// It books nothing after `last_day`, and the volunteer's places on its later shifts are
/// cancelled and offered to those shifts' waiting lists. Places up to `last_day` stay booked.
#[utoipa::path(post, path = "/api/v1/people/{id}/commitments/{commitment_id}/end", tag = "commitments",
    params(
        ("id" = Uuid, Path, description = "The volunteer's id"),
        ("commitment_id" = Uuid, Path, description = "The regular slot's id"),
    ),
    request_body(content = Option<EndBody>, description = "The last day (optional: an empty body ends it today)"),
    responses(
        (status = 200, description = "How many places were cancelled", body = EndedCommitment),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such volunteer in this organisation, or no such regular slot of theirs", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "The last day is not a real date, or is before today (`last_day`)", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn end_commitment(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path((person, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<EndedCommitment>, ApiError> {
    let person: PersonId = person.trim().parse().map_err(|_| AppError::NotFound)?;
    let id: CommitmentId = id.trim().parse().map_err(|_| AppError::NotFound)?;
    require_volunteer(&state, &scope, person).await?;
    let last_day = if body.iter().all(u8::is_ascii_whitespace) {
        String::new()
    } else {
        json::<EndBody>(&body)?.last_day
    };
    let cancelled = state
        .app
        .end_commitment(&scope, person, id, &last_day)
        .await
        .map_err(last_day_errors)?;
    Ok(Json(EndedCommitment { cancelled }))
}

/// The app names the last day `ends_on` (the commitment's field); this request calls it
/// `last_day`.
fn last_day_errors(error: AppError) -> AppError {
    match error {
        AppError::Invalid(errors) => {
            let mut renamed = FieldErrors::new();
            for e in errors.0 {
                let field = if e.field == "ends_on" {
                    "last_day"
                } else {
                    e.field.as_str()
                };
                renamed.add(field, e.message);
            }
            AppError::Invalid(renamed)
        }
        other => other,
    }
}
