//! Applications to the organisation's roles: list, read, and decide.

use app::ports::ApplicationSearch;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::application::ApplicationStatus;
use domain::ids::ApplicationId;
use domain::{FieldErrors, Labelled};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::auth::ApiScope;
use super::input::{Id, all_codes, json, paging, query_value, text};
use super::people::DEFAULT_PER_PAGE;
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use super::views::{ApplicationDetail, ApplicationPage, ApplicationStatusCode};
use crate::AppState;

/// The application routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/applications", get(list_applications))
        .route("/applications/{id}", get(get_application))
        .route("/applications/{id}/decision", post(decide_application))
}

/// A manager's decision on an application.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct DecisionBody {
    /// The new status: `screening`, `accepted` or `declined`. Accepting starts onboarding.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = ApplicationStatusCode)]
    pub status: String,
    /// A note for the history; needed when declining.
    #[serde(default, deserialize_with = "text")]
    pub note: String,
}

/// Filters and paging for the applications list. Blank values are ignored.
#[derive(Debug, Default, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(
    dead_code,
    reason = "describes the parameters for the OpenAPI document; `search` reads them leniently"
)]
pub struct ApplicationsQuery {
    /// Only applications with this status.
    #[param(value_type = Option<ApplicationStatusCode>)]
    pub status: Option<String>,
    /// The page, from 1 (default 1).
    #[param(minimum = 1)]
    pub page: Option<u32>,
    /// Applications per page, 1 to 500 (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
}

impl ApplicationsQuery {
    fn search(raw: &str) -> Result<ApplicationSearch, FieldErrors> {
        let mut errors = FieldErrors::new();
        let status =
            query_value(raw, "status").map(|code| ApplicationStatus::from_code(&code).ok_or(()));
        if let Some(Err(())) = status {
            errors.add(
                "status",
                format!("Status must be one of {}", all_codes::<ApplicationStatus>()),
            );
        }
        let (page, per_page) = paging(raw, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ApplicationSearch {
            status: status.and_then(Result::ok),
            limit_to_sites: None,
            page: page.unwrap_or(1),
            per_page: per_page.unwrap_or(DEFAULT_PER_PAGE),
        })
    }
}

/// List the organisation's applications
///
/// A page of the applications to the organisation's roles, newest first, optionally of one
/// status. Supervisors' tokens see only applications to roles at their sites.
#[utoipa::path(
    get,
    path = "/api/v1/applications",
    tag = "applications",
    params(ApplicationsQuery),
    responses(
        (status = 200, description = "A page of the organisation's applications", body = ApplicationPage),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "A filter or paging value is invalid, named in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn list_applications(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    RawQuery(query): RawQuery,
) -> Result<Json<ApplicationPage>, ApiError> {
    let search = ApplicationsQuery::search(query.as_deref().unwrap_or_default())?;
    Ok(Json(
        state.app.application_page(&scope, search).await?.into(),
    ))
}

/// Get one application with its history
#[utoipa::path(
    get,
    path = "/api/v1/applications/{id}",
    tag = "applications",
    params(("id" = Uuid, Path, description = "The application's id")),
    responses(
        (status = 200, description = "The application and its history", body = ApplicationDetail),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such application in this organisation", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn get_application(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<ApplicationId>,
) -> Result<Json<ApplicationDetail>, ApiError> {
    Ok(Json(state.app.application(&scope, id).await?.into()))
}

/// Decide an application
///
/// Move it to screening, accept it (the applicant starts onboarding) or decline it (with a
/// note). A decided application cannot be reopened.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/decision",
    tag = "applications",
    params(("id" = Uuid, Path, description = "The application's id")),
    request_body = DecisionBody,
    responses(
        (status = 200, description = "The application, moved, with its history", body = ApplicationDetail),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such application in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "Someone else moved the application first", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields or move, each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn decide_application(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<ApplicationId>,
    body: Bytes,
) -> Result<Json<ApplicationDetail>, ApiError> {
    let body: DecisionBody = json(&body)?;
    let Some(status) = ApplicationStatus::from_code(body.status.trim()) else {
        return Err(FieldErrors::one(
            "status",
            "Status must be one of screening, accepted or declined",
        )
        .into());
    };
    state
        .app
        .decide_application(&scope, id, status, &body.note)
        .await?;
    Ok(Json(state.app.application(&scope, id).await?.into()))
}
