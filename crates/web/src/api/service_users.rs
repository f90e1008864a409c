//! Service users and carers for other systems: the list, recording one (with their consent),
//! the triangle view of one person (their carers, volunteers, contacts and referrals), their
//! health notes (special-category data: only for those who need them, every read audited),
//! moving their support status by hand, and linking a carer.

mod bodies;

use app::AppError;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::ids::SupportedPersonId;
use domain::support::{Relationship, SupportedPerson, health_notes_field};
use domain::{FieldErrors, Labelled};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::ApiScope;
use super::input::{Id, all_codes, given_id, json, rename_fields};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use super::views::{
    ContactView, MatchView, ReferralView, RelationshipCode, ServiceUserView, SupportStatusCode,
};
use crate::AppState;
pub use bodies::{CarerBody, HealthNotesBody, ServiceUserBody, SupportStatusBody};

/// The service-user routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/service-users",
            get(list_service_users).post(add_service_user),
        )
        .route("/service-users/{id}", get(get_service_user))
        .route(
            "/service-users/{id}/health-notes",
            get(get_health_notes).put(set_health_notes),
        )
        .route("/service-users/{id}/status", post(move_service_user))
        .route("/service-users/{id}/carers", post(link_carer))
}

/// Someone linked to a service user: a carer, or someone they care for.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RelatedView {
    /// The other person's id (a service user or carer).
    pub id: Uuid,
    /// Their name.
    pub name: String,
    /// Their support status; null for a carer who is not supported themselves.
    #[schema(value_type = Option<SupportStatusCode>)]
    pub status: Option<&'static str>,
    /// How the carer is related to the person cared for.
    #[schema(value_type = RelationshipCode)]
    pub relationship: &'static str,
    /// The relationship in words.
    pub relationship_label: &'static str,
}

impl RelatedView {
    fn new((relationship, p): (Relationship, SupportedPerson)) -> Self {
        Self {
            id: p.id.0,
            name: p.full_name(),
            status: p.status.map(Labelled::code),
            relationship: relationship.code(),
            relationship_label: relationship.label(),
        }
    }
}

/// One person's corner of the triangle of support, on one page. Health notes are not
/// included: they are read (and the read audited) at `/service-users/{id}/health-notes`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TriangleView {
    /// The service user or carer.
    pub person: ServiceUserView,
    /// Their carers.
    pub carers: Vec<RelatedView>,
    /// The people they care for.
    pub cared_for: Vec<RelatedView>,
    /// Their matches with volunteers, newest first.
    pub matches: Vec<MatchView>,
    /// Contacts over time, newest first.
    pub contacts: Vec<ContactView>,
    /// Referrals for them, oldest first.
    pub referrals: Vec<ReferralView>,
    /// Whether this token may read their health notes.
    pub may_read_health_notes: bool,
}

/// A service user's health notes.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HealthNotesView {
    /// The notes (empty when none are kept).
    pub health_notes: String,
}

/// A carer linked to someone they care for.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CarerLinkView {
    /// The carer.
    pub carer_id: Uuid,
    /// The person they care for.
    pub cared_for_id: Uuid,
    /// How they are related.
    #[schema(value_type = RelationshipCode)]
    pub relationship: &'static str,
    /// The relationship in words.
    pub relationship_label: &'static str,
}

/// Service users and carers
///
/// Everyone the organisation supports, and the carers around them, by family name.
#[utoipa::path(get, path = "/api/v1/service-users", tag = "service users",
    responses(
        (status = 200, description = "The service users and carers", body = [ServiceUserView]),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn list_service_users(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
) -> Result<Json<Vec<ServiceUserView>>, ApiError> {
    let people = state.app.supported_people(&scope).await?;
    Ok(Json(people.into_iter().map(Into::into).collect()))
}

/// Record a service user or carer
///
/// A service user starts as `referred` (move them on with `/status`, or refer them through
/// `/referrals` instead); a carer who is not supported themselves (`receives_support: false`)
/// has no status. Record consent with the dates and how it was given: nobody is matched with
/// a volunteer without it.
#[utoipa::path(post, path = "/api/v1/service-users", tag = "service users",
    request_body = ServiceUserBody,
    responses(
        (status = 201, description = "The new record", body = ServiceUserView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn add_service_user(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    body: Bytes,
) -> Result<Response, ApiError> {
    let b: ServiceUserBody = json(&body)?;
    let person = state.app.add_supported_person(&scope, &b.input()).await?;
    Ok((StatusCode::CREATED, Json(ServiceUserView::from(person))).into_response())
}

/// A service user's triangle of support
///
/// The person, their carers (and anyone they care for), their matches with volunteers,
/// contacts over time and referrals. Never their health notes.
#[utoipa::path(get, path = "/api/v1/service-users/{id}", tag = "service users",
    params(("id" = Uuid, Path, description = "The service user's or carer's id")),
    responses(
        (status = 200, description = "Their triangle of support", body = TriangleView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such service user or carer in this organisation", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn get_service_user(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<SupportedPersonId>,
) -> Result<Json<TriangleView>, ApiError> {
    let t = state.app.triangle(&scope, id).await?;
    let now = state.app.clock.now();
    let name = t.person.full_name();
    Ok(Json(TriangleView {
        person: t.person.into(),
        carers: t.carers.into_iter().map(RelatedView::new).collect(),
        cared_for: t.cared_for.into_iter().map(RelatedView::new).collect(),
        matches: t.matches.into_iter().map(MatchView::from).collect(),
        contacts: t
            .contacts
            .into_iter()
            .map(|(c, volunteer)| ContactView::new(c, volunteer))
            .collect(),
        referrals: t
            .referrals
            .into_iter()
            .map(|r| {
                let breached = r.breached(now);
                ReferralView::new(r, name.clone(), breached)
            })
            .collect(),
        may_read_health_notes: t.may_read_health_notes,
    }))
}

/// A service user's health notes
///
/// Special-category data: only for tokens whose permission needs it (admins and volunteer
/// managers), and every read is recorded in the audit trail.
#[utoipa::path(get, path = "/api/v1/service-users/{id}/health-notes", tag = "service users",
    params(("id" = Uuid, Path, description = "The service user's id")),
    responses(
        (status = 200, description = "The notes (the read is audited)", body = HealthNotesView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow reading health notes", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such service user in this organisation", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn get_health_notes(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<SupportedPersonId>,
) -> Result<Json<HealthNotesView>, ApiError> {
    let health_notes = state.app.health_notes(&scope, id).await?;
    Ok(Json(HealthNotesView { health_notes }))
}

/// Replace a service user's health notes
///
/// Only what their support needs (at most 2,000 characters); blank removes them. The change
/// is audited.
#[utoipa::path(put, path = "/api/v1/service-users/{id}/health-notes", tag = "service users",
    params(("id" = Uuid, Path, description = "The service user's id")),
    request_body = HealthNotesBody,
    responses(
        (status = 200, description = "The notes as kept", body = HealthNotesView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow reading and changing health notes", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such service user in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Too long, or with control characters (`health_notes`); nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn set_health_notes(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<SupportedPersonId>,
    body: Bytes,
) -> Result<Json<HealthNotesView>, ApiError> {
    let b: HealthNotesBody = json(&body)?;
    state
        .app
        .set_health_notes(&scope, id, &b.health_notes)
        .await?;
    // The app has just accepted them, so the same check only gives back the notes as kept.
    let health_notes = health_notes_field(&b.health_notes)?;
    Ok(Json(HealthNotesView { health_notes }))
}

/// Move a service user's support on
///
/// By hand: `assessed` (from referred, or reopening someone closed; a carer not yet supported
/// is taken on this way) or `closed` (with a `reason`). Matched and supported follow their
/// matches, once a volunteer has said yes.
#[utoipa::path(post, path = "/api/v1/service-users/{id}/status", tag = "service users",
    params(("id" = Uuid, Path, description = "The service user's id")),
    request_body = SupportStatusBody,
    responses(
        (status = 200, description = "The record with its new status", body = ServiceUserView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such service user in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "Their status changed meanwhile; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "A status they cannot move to from here (`status`), or closing without a `reason`", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn move_service_user(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<SupportedPersonId>,
    body: Bytes,
) -> Result<Json<ServiceUserView>, ApiError> {
    state.app.supported_person(&scope, id).await?;
    let b: SupportStatusBody = json(&body)?;
    state
        .app
        .move_support_status(&scope, id, &b.status, &b.reason)
        .await?;
    let person = state.app.supported_person(&scope, id).await?;
    Ok(Json(person.into()))
}

/// Link a carer
///
/// Records that a carer (already on record, added like any service user, with
/// `receives_support: false` unless they are supported too) cares for this person.
#[utoipa::path(post, path = "/api/v1/service-users/{id}/carers", tag = "service users",
    params(("id" = Uuid, Path, description = "The id of the person cared for")),
    request_body = CarerBody,
    responses(
        (status = 201, description = "The link", body = CarerLinkView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such service user in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "No such carer here, or the person themselves (`carer_id`), or no `relationship`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn link_carer(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(cared_for): Id<SupportedPersonId>,
    body: Bytes,
) -> Result<Response, ApiError> {
    state.app.supported_person(&scope, cared_for).await?;
    let b: CarerBody = json(&body)?;
    let mut errors = FieldErrors::new();
    let carer: Option<SupportedPersonId> =
        given_id(&b.carer_id, "carer_id", "the carer", &mut errors);
    if let Some(carer) = carer {
        match state.app.supported_person(&scope, carer).await {
            Ok(_) => {}
            Err(AppError::NotFound) => {
                errors.add("carer_id", "There is no such carer in this organisation")
            }
            Err(e) => return Err(e.into()),
        }
    }
    let relationship = Relationship::from_code(b.relationship.trim());
    if relationship.is_none() {
        let codes = all_codes::<Relationship>();
        errors.add("relationship", format!("Relationship must be {codes}"));
    }
    let (carer, relationship) = errors.finish(|| Some((carer?, relationship?)))?;
    state
        .app
        .link_carer(&scope, carer, cared_for, relationship.code())
        .await
        .map_err(|e| rename_fields(e, |f| (f == "carer").then(|| "carer_id".to_owned())))?;
    let view = CarerLinkView {
        carer_id: carer.0,
        cared_for_id: cared_for.0,
        relationship: relationship.code(),
        relationship_label: relationship.label(),
    };
    Ok((StatusCode::CREATED, Json(view)).into_response())
}
