//! A network's learning events through the API, for the token's person in the token's
//! organisation (`App::network_access_in`: the organisation must be a current member, or the
//! person a coordinator). Members see members-only events; coordinators add events, read
//! registrations and mark attendance. The work is shared with the organisation's events API.

use app::events::EventHost;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::ids::EventId;

use super::auth::ApiScope;
use super::events::{
    EventView, RegistrationView, add_for, attendance_for, get_for, list_for, registrations_for,
};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use super::role_library::path_id;
use crate::AppState;

/// The network event routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/networks/{slug}/events",
            get(list_network_events).post(add_network_event),
        )
        .route("/networks/{slug}/events/{id}", get(get_network_event))
        .route(
            "/networks/{slug}/events/{id}/registrations",
            get(list_network_event_registrations),
        )
        .route(
            "/networks/{slug}/events/{id}/registrations/{registration_id}/attendance",
            post(mark_network_event_attendance),
        )
}

async fn host(state: &AppState, scope: &app::OrgScope, slug: &str) -> Result<EventHost, ApiError> {
    let access = state.app.network_access_in(scope, slug).await?;
    Ok(state.app.network_event_host(&access))
}

/// A network's learning events
///
/// Every event the network runs that the token's person may see, earliest first.
#[utoipa::path(get, path = "/api/v1/networks/{slug}/events", tag = "events",
    params(("slug" = String, Path, description = "The network's short name")),
    responses(
        (status = 200, description = "The events", body = [EventView]),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such network, or the organisation is not a member", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn list_network_events(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path(slug): Path<String>,
) -> Result<Json<Vec<EventView>>, ApiError> {
    list_for(&state, &host(&state, &scope, &slug).await?).await
}

/// Add a network learning event
///
/// For the network's coordinators. Times are UK clock times on the date given.
#[utoipa::path(post, path = "/api/v1/networks/{slug}/events", tag = "events",
    params(("slug" = String, Path, description = "The network's short name")),
    request_body = super::events::EventBody,
    responses(
        (status = 201, description = "The new event", body = EventView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's person does not coordinate the network", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such network, or the organisation is not a member", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn add_network_event(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    add_for(&state, &host(&state, &scope, &slug).await?, &body).await
}

/// One network learning event
#[utoipa::path(get, path = "/api/v1/networks/{slug}/events/{id}", tag = "events",
    params(
        ("slug" = String, Path, description = "The network's short name"),
        ("id" = Uuid, Path, description = "The event's id"),
    ),
    responses(
        (status = 200, description = "The event with how full it is", body = EventView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such event of this network that the token's person may see", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn get_network_event(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Json<EventView>, ApiError> {
    let id: EventId = path_id(&id)?;
    get_for(&state, &host(&state, &scope, &slug).await?, id).await
}

/// A network event's registrations
///
/// For the network's coordinators: everyone who registered, in the order they did.
#[utoipa::path(get, path = "/api/v1/networks/{slug}/events/{id}/registrations", tag = "events",
    params(
        ("slug" = String, Path, description = "The network's short name"),
        ("id" = Uuid, Path, description = "The event's id"),
    ),
    responses(
        (status = 200, description = "The registrations", body = [RegistrationView]),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's person does not coordinate the network", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such event of this network", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn list_network_event_registrations(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Json<Vec<RegistrationView>>, ApiError> {
    let id: EventId = path_id(&id)?;
    registrations_for(&state, &host(&state, &scope, &slug).await?, id).await
}

/// Mark attendance at a network event
///
/// For the network's coordinators, once the event has started.
#[utoipa::path(post, path = "/api/v1/networks/{slug}/events/{id}/registrations/{registration_id}/attendance", tag = "events",
    params(
        ("slug" = String, Path, description = "The network's short name"),
        ("id" = Uuid, Path, description = "The event's id"),
        ("registration_id" = Uuid, Path, description = "The registration's id"),
    ),
    request_body = super::events::AttendanceBody,
    responses(
        (status = 200, description = "The registration with its attendance", body = RegistrationView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's person does not coordinate the network", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such event of this network, or no such registration for it", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "The event has not started, was cancelled, or the person has no place", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "`attended` is missing", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn mark_network_event_attendance(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path((slug, id, registration)): Path<(String, String, String)>,
    body: Bytes,
) -> Result<Json<RegistrationView>, ApiError> {
    let host = host(&state, &scope, &slug).await?;
    attendance_for(&state, &host, (&id, &registration), &body).await
}
