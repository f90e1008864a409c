//! People: the organisation's volunteers (a paged, filtered list), each one's record, and moving
//! their engagement on.

use app::ports::VolunteerSearch;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::engagement::{EngagementStatus, LeavingReason};
use domain::ids::{PersonId, RoleId};
use domain::{FieldErrors, Labelled};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::auth::ApiScope;
use super::input::{Id, all_codes, json, paging, query_code, query_value, text};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use super::views::{EngagementStatusCode, LeavingReasonCode, VolunteerPage, VolunteerRecordView};
use crate::AppState;

/// Volunteers per page unless the query says otherwise.
pub const DEFAULT_PER_PAGE: u32 = 50;

/// The people routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/people", get(list_people))
        .route("/people/{id}", get(get_person))
        .route("/people/{id}/status", post(move_person))
}

/// Filters and paging for the volunteers list. Blank values are ignored.
#[derive(Debug, Default, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeopleQuery {
    /// Words to find in the name or email.
    pub q: Option<String>,
    /// Only people whose engagement has this status.
    #[param(value_type = Option<EngagementStatusCode>)]
    pub status: Option<String>,
    /// Only people who applied to this role (its id).
    pub role: Option<Uuid>,
    /// The page, from 1 (default 1).
    #[param(minimum = 1)]
    pub page: Option<u32>,
    /// Volunteers per page, 1 to 500 (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
}

impl PeopleQuery {
    /// Reads a query string; the first of a repeated parameter counts.
    fn parse(raw: &str) -> Result<Self, FieldErrors> {
        let get = |name: &str| query_value(raw, name);
        let mut errors = FieldErrors::new();
        let status =
            query_code::<EngagementStatus>(raw, "status", &mut errors).map(|s| s.code().to_owned());
        let role = get("role").and_then(|raw| match raw.parse() {
            Ok(id) => Some(id),
            Err(_) => {
                errors.add("role", "Role must be a role's id");
                None
            }
        });
        let (page, per_page) = paging(raw, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Self {
            q: get("q"),
            status,
            role,
            page,
            per_page,
        })
    }

    /// The search the app runs.
    fn search(self) -> VolunteerSearch {
        VolunteerSearch {
            keywords: self.q.unwrap_or_default().chars().take(200).collect(),
            status: self.status.as_deref().and_then(EngagementStatus::from_code),
            role_id: self.role.map(RoleId),
            limit_to_sites: None,
            page: self.page.unwrap_or(1),
            per_page: self.per_page.unwrap_or(DEFAULT_PER_PAGE),
        }
    }
}

/// A move of a volunteer's engagement to a new status.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct StatusBody {
    /// The new status.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = EngagementStatusCode)]
    pub status: String,
    /// Why they are leaving; needed when the new status is `left`.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = LeavingReasonCode)]
    pub leaving_reason: String,
    /// A note for the history; needed when the leaving reason is `other`.
    #[serde(default, deserialize_with = "text")]
    pub note: String,
}

/// List the organisation's volunteers
///
/// A page of everyone engaged with the organisation, filtered by words, status or role.
/// Supervisors' tokens see only people at their sites.
#[utoipa::path(
    get,
    path = "/api/v1/people",
    tag = "people",
    params(PeopleQuery),
    responses(
        (status = 200, description = "A page of volunteers", body = VolunteerPage),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "The role filter names no role in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "A filter or paging value is invalid, named in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn list_people(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    RawQuery(query): RawQuery,
) -> Result<Json<VolunteerPage>, ApiError> {
    let search = PeopleQuery::parse(query.as_deref().unwrap_or_default())?.search();
    Ok(Json(state.app.volunteers(&scope, search).await?.into()))
}

/// Get a volunteer's record
///
/// Their profile, their engagement with the organisation and its history, and their
/// applications here. Reading a record is audited.
#[utoipa::path(
    get,
    path = "/api/v1/people/{id}",
    tag = "people",
    params(("id" = Uuid, Path, description = "The person's id")),
    responses(
        (status = 200, description = "The volunteer's record", body = VolunteerRecordView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such person engaged with this organisation", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn get_person(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<PersonId>,
) -> Result<Json<VolunteerRecordView>, ApiError> {
    Ok(Json(state.app.volunteer_record(&scope, id).await?.into()))
}

/// Move a volunteer's engagement on
///
/// For example from onboarding to active, or from active to left (with a leaving reason).
#[utoipa::path(
    post,
    path = "/api/v1/people/{id}/status",
    tag = "people",
    params(("id" = Uuid, Path, description = "The person's id")),
    request_body = StatusBody,
    responses(
        (status = 204, description = "Moved; get the record to see its history"),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such person engaged with this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "Someone else moved the engagement first", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields or move, each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn move_person(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<PersonId>,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let body: StatusBody = json(&body)?;
    let mut errors = FieldErrors::new();
    let status = EngagementStatus::from_code(body.status.trim());
    if status.is_none() {
        errors.add(
            "status",
            format!("Status must be one of {}", all_codes::<EngagementStatus>()),
        );
    }
    let reason = body.leaving_reason.trim();
    let leaving_reason = LeavingReason::from_code(reason);
    if !reason.is_empty() && leaving_reason.is_none() {
        errors.add(
            "leaving_reason",
            format!(
                "Leaving reason must be one of {}",
                all_codes::<LeavingReason>()
            ),
        );
    }
    let Some(status) = status.filter(|_| errors.is_empty()) else {
        return Err(errors.into());
    };
    state
        .app
        .move_engagement(&scope, id, status, leaving_reason, &body.note)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_defaults_and_validates() {
        let search = PeopleQuery::parse("").unwrap().search();
        assert_eq!((search.page, search.per_page), (1, DEFAULT_PER_PAGE));
        let search = PeopleQuery::parse("q=ann&status=active&page=2&per_page=10&status=left")
            .unwrap()
            .search();
        assert_eq!(search.keywords, "ann");
        assert_eq!(search.status, Some(EngagementStatus::Active));
        assert_eq!((search.page, search.per_page), (2, 10));
        let errors = PeopleQuery::parse("status=asleep&role=x&page=0&per_page=501").unwrap_err();
        for field in ["status", "role", "page", "per_page"] {
            assert!(
                errors.get(field).is_some(),
                "{field} missing from {errors:?}"
            );
        }
    }

    #[test]
    fn codes_read_as_a_list() {
        assert!(all_codes::<EngagementStatus>().ends_with("paused or left"));
    }
}
