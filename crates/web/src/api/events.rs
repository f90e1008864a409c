//! An organisation's learning events for its own systems: listing and adding events, one
//! event with how full it is, its registrations (with the waiting list's offers), and marking
//! attendance. A network's events (`network_events.rs`) go through the same helpers here, with
//! the network's `EventHost` instead of the organisation's.

use app::AppError;
use app::events::{EventHost, EventSummary};
use app::ports::Registrant;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use domain::Labelled;
use domain::events::EventInput;
use domain::ids::{EventId, EventRegistrationId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::ApiScope;
use super::input::{Id, json, text};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use crate::AppState;

/// The learning-event routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/events",
            get(list_learning_events).post(add_learning_event),
        )
        .route("/events/{id}", get(get_learning_event))
        .route("/events/{id}/registrations", get(list_event_registrations))
        .route(
            "/events/{id}/registrations/{registration_id}/attendance",
            post(mark_event_attendance),
        )
}

/// A learning event with how full it is.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EventView {
    /// Identifier.
    pub id: Uuid,
    /// Title.
    pub title: String,
    /// What it covers.
    pub description: String,
    /// Who it is for, in words.
    pub audience_note: String,
    /// Who may see it and register: `members` (the organisation's staff) or `public`.
    pub visibility: &'static str,
    /// `in_person`, `online` or `hybrid`.
    pub format: &'static str,
    /// The venue, for in-person and hybrid events.
    pub venue: Option<String>,
    /// The joining link, for online and hybrid events.
    pub joining_link: Option<String>,
    /// When it starts (UTC).
    pub starts_at: DateTime<Utc>,
    /// When it ends (UTC).
    pub ends_at: DateTime<Utc>,
    /// CPD minutes (its length).
    pub cpd_minutes: i64,
    /// Places.
    pub capacity: u32,
    /// Places neither taken nor held by a live offer.
    pub places_left: u32,
    /// People on the waiting list.
    pub waiting: u32,
    /// What members pay, in pence.
    pub member_price_pence: i64,
    /// What everyone else pays, in pence.
    pub non_member_price_pence: i64,
    /// The series it belongs to.
    pub series_id: Option<Uuid>,
    /// Whether it has been called off.
    pub cancelled: bool,
}

impl From<EventSummary> for EventView {
    fn from(s: EventSummary) -> Self {
        let e = s.event;
        Self {
            id: e.id.0,
            cpd_minutes: e.cpd_minutes(),
            visibility: e.visibility.code(),
            format: e.format.kind().code(),
            venue: e.format.venue().map(str::to_owned),
            joining_link: e.format.joining_link().map(str::to_owned),
            title: e.title,
            description: e.description,
            audience_note: e.audience_note,
            starts_at: e.starts_at,
            ends_at: e.ends_at,
            capacity: e.capacity,
            places_left: s.places_left,
            waiting: s.waiting,
            member_price_pence: e.member_price.0,
            non_member_price_pence: e.non_member_price.0,
            series_id: e.series_id.map(|s| s.0),
            cancelled: e.cancelled,
        }
    }
}

/// A new event, as a form would take it.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct EventBody {
    /// Title.
    #[serde(default, deserialize_with = "text")]
    pub title: String,
    /// What it covers.
    #[serde(default, deserialize_with = "text")]
    pub description: String,
    /// Who it is for, in words.
    #[serde(default, deserialize_with = "text")]
    pub audience_note: String,
    /// `members` or `public`.
    #[serde(default, deserialize_with = "text")]
    pub visibility: String,
    /// `in_person`, `online` or `hybrid`.
    #[serde(default, deserialize_with = "text")]
    pub format: String,
    /// The venue (in person or hybrid).
    #[serde(default, deserialize_with = "text")]
    pub venue: String,
    /// The joining link, starting `https://` (online or hybrid).
    #[serde(default, deserialize_with = "text")]
    pub joining_link: String,
    /// The UK date, like "2027-03-05".
    #[serde(default, deserialize_with = "text")]
    pub date: String,
    /// The UK clock time it starts, like "10:00".
    #[serde(default, deserialize_with = "text")]
    pub start_time: String,
    /// The UK clock time it ends, the same day.
    #[serde(default, deserialize_with = "text")]
    pub end_time: String,
    /// Places, 1 or more.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = u32)]
    pub capacity: String,
    /// Members' price in pounds, like "0" or "12.50".
    #[serde(default, deserialize_with = "text")]
    pub member_price: String,
    /// Everyone else's price in pounds.
    #[serde(default, deserialize_with = "text")]
    pub non_member_price: String,
    /// A series' name (found or started), or blank.
    #[serde(default, deserialize_with = "text")]
    pub series: String,
}

/// A registration, with who made it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RegistrationView {
    /// Identifier.
    pub id: Uuid,
    /// The person.
    pub person_id: Uuid,
    /// Their name.
    pub name: String,
    /// Their email.
    pub email: String,
    /// `registered`, `waitlisted`, `offered`, `cancelled`, `lapsed`, `attended` or
    /// `did_not_attend`.
    pub status: &'static str,
    /// Whether they registered as a member.
    pub member: bool,
    /// The price when they registered, in pence.
    pub price_pence: i64,
    /// When they registered (the waiting list's order).
    pub registered_at: DateTime<Utc>,
    /// When a place was last offered to them.
    pub offered_at: Option<DateTime<Utc>>,
    /// When that offer runs (or ran) out.
    pub offer_expires_at: Option<DateTime<Utc>>,
    /// When it was cancelled, lapsed or had attendance marked.
    pub closed_at: Option<DateTime<Utc>>,
}

impl From<Registrant> for RegistrationView {
    fn from(r: Registrant) -> Self {
        let g = r.registration;
        Self {
            id: g.id.0,
            person_id: g.person_id.0,
            name: r.name,
            email: r.email,
            status: g.status.code(),
            member: g.member,
            price_pence: g.price.0,
            registered_at: g.registered_at,
            offered_at: g.offered_at,
            offer_expires_at: g.offer_expires_at,
            closed_at: g.closed_at,
        }
    }
}

/// Whether someone came.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct AttendanceBody {
    /// `true` if they attended, `false` if not.
    #[serde(default)]
    pub attended: Option<bool>,
}

/// The organisation's learning events
///
/// Every event it runs, earliest first, members-only ones included.
#[utoipa::path(get, path = "/api/v1/events", tag = "events",
    responses(
        (status = 200, description = "The events", body = [EventView]),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn list_learning_events(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
) -> Result<Json<Vec<EventView>>, ApiError> {
    list_for(&state, &state.app.organisation_event_host(&scope)).await
}

/// Every event the host runs, as the API shows them.
pub(crate) async fn list_for(
    state: &AppState,
    host: &EventHost,
) -> Result<Json<Vec<EventView>>, ApiError> {
    let events = state.app.hosted_events(host).await?;
    Ok(Json(events.into_iter().map(Into::into).collect()))
}

/// Add a learning event
///
/// Times are UK clock times on the date given; a series named is found (by name) or started.
#[utoipa::path(post, path = "/api/v1/events", tag = "events",
    request_body = EventBody,
    responses(
        (status = 201, description = "The new event", body = EventView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn add_learning_event(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    body: Bytes,
) -> Result<Response, ApiError> {
    add_for(&state, &state.app.organisation_event_host(&scope), &body).await
}

/// Adds an event for the host from a JSON body.
pub(crate) async fn add_for(
    state: &AppState,
    host: &EventHost,
    body: &Bytes,
) -> Result<Response, ApiError> {
    let b: EventBody = json(body)?;
    let input = EventInput {
        title: b.title,
        description: b.description,
        audience_note: b.audience_note,
        visibility: b.visibility,
        format: b.format,
        venue: b.venue,
        joining_link: b.joining_link,
        date: b.date,
        start_time: b.start_time,
        end_time: b.end_time,
        capacity: b.capacity,
        member_price: b.member_price,
        non_member_price: b.non_member_price,
        series: b.series,
    };
    let event = state.app.create_event(host, &input).await?;
    let view = state.app.event_view(host, event).await?;
    Ok((StatusCode::CREATED, Json(EventView::from(view.summary))).into_response())
}

/// One learning event
#[utoipa::path(get, path = "/api/v1/events/{id}", tag = "events",
    params(("id" = Uuid, Path, description = "The event's id")),
    responses(
        (status = 200, description = "The event with how full it is", body = EventView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such event of this organisation", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn get_learning_event(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<EventId>,
) -> Result<Json<EventView>, ApiError> {
    get_for(&state, &state.app.organisation_event_host(&scope), id).await
}

/// One of the host's events.
pub(crate) async fn get_for(
    state: &AppState,
    host: &EventHost,
    id: EventId,
) -> Result<Json<EventView>, ApiError> {
    let event = state.app.hosted_event(host, id).await?;
    let view = state.app.event_view(host, event).await?;
    Ok(Json(view.summary.into()))
}

/// An event's registrations
///
/// Everyone who registered, in the order they did: places, the waiting list and its offers,
/// cancellations and attendance.
#[utoipa::path(get, path = "/api/v1/events/{id}/registrations", tag = "events",
    params(("id" = Uuid, Path, description = "The event's id")),
    responses(
        (status = 200, description = "The registrations", body = [RegistrationView]),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such event of this organisation", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn list_event_registrations(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<EventId>,
) -> Result<Json<Vec<RegistrationView>>, ApiError> {
    registrations_for(&state, &state.app.organisation_event_host(&scope), id).await
}

/// The registrations for one of the host's events.
pub(crate) async fn registrations_for(
    state: &AppState,
    host: &EventHost,
    id: EventId,
) -> Result<Json<Vec<RegistrationView>>, ApiError> {
    let registrants = state.app.event_registrants(host, id).await?;
    Ok(Json(registrants.into_iter().map(Into::into).collect()))
}

/// Mark attendance
///
/// Whether someone with a place came; only once the event has started. Marking someone as
/// attending emails them the feedback survey and makes their certificate available.
#[utoipa::path(post, path = "/api/v1/events/{id}/registrations/{registration_id}/attendance", tag = "events",
    params(
        ("id" = Uuid, Path, description = "The event's id"),
        ("registration_id" = Uuid, Path, description = "The registration's id"),
    ),
    request_body = AttendanceBody,
    responses(
        (status = 200, description = "The registration with its attendance", body = RegistrationView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such event of this organisation, or no such registration for it", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "The event has not started, was cancelled, or the person has no place", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "`attended` is missing", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn mark_event_attendance(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path((id, registration)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<RegistrationView>, ApiError> {
    let host = state.app.organisation_event_host(&scope);
    attendance_for(&state, &host, (&id, &registration), &body).await
}

/// Marks attendance at one of the host's events, from the URL's ids and a JSON body.
pub(crate) async fn attendance_for(
    state: &AppState,
    host: &EventHost,
    (id, registration): (&str, &str),
    body: &Bytes,
) -> Result<Json<RegistrationView>, ApiError> {
    let id: EventId = id.trim().parse().map_err(|_| AppError::NotFound)?;
    let registration: EventRegistrationId = registration
        .trim()
        .parse()
        .map_err(|_| AppError::NotFound)?;
    host.require_organiser()?;
    state.app.hosted_event(host, id).await?;
    let b: AttendanceBody = json(body)?;
    let attended = b.attended.ok_or_else(|| {
        AppError::Invalid(domain::FieldErrors::one(
            "attended",
            "Say whether they attended: true or false",
        ))
    })?;
    state
        .app
        .mark_event_attendance(host, id, registration, attended)
        .await?;
    let registrants = state.app.event_registrants(host, id).await?;
    let view = registrants
        .into_iter()
        .find(|r| r.registration.id == registration)
        .ok_or(AppError::NotFound)?;
    Ok(Json(view.into()))
}
