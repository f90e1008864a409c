//! Safeguarding for other systems: raising a concern as the token's staff member; the
//! concerns and their records, for the organisation's named safeguarding leads only (anyone
//! else, admins included, finds nothing); adding to a concern's record, which is never edited;
//! and who the leads are.

mod views;

use app::AppError;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::FieldErrors;
use domain::ids::{ConcernId, PersonId, SupportedPersonId};
use domain::safeguarding::{ConcernInput, ConcernStatus};

use super::auth::ApiScope;
use super::input::{Id, given_id, json};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use crate::AppState;
pub use views::*;

/// The safeguarding routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/concerns", get(list_concerns).post(raise_concern))
        .route("/concerns/{id}", get(get_concern))
        .route("/concerns/{id}/entries", post(add_entry))
        .route("/safeguarding-leads", get(list_leads).put(set_leads))
}

/// Raise a safeguarding concern
///
/// Raised as the token's staff member, for the token's organisation, about a service user, a
/// carer, a volunteer or someone else. The safeguarding leads are emailed that a concern needs
/// them (never its details); one not acknowledged in time (4 hours if urgent, otherwise 24)
/// passes to the deputies. **If anyone is in immediate danger, call 999 first.** The answer
/// is what the raiser may see: the status, never the record.
#[utoipa::path(post, path = "/api/v1/concerns", tag = "safeguarding",
    request_body = ConcernBody,
    responses(
        (status = 201, description = "The concern as raised, with its status", body = RaisedConcernView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors` (no such service user here is `service_user_id`); nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn raise_concern(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    body: Bytes,
) -> Result<Response, ApiError> {
    let b: ConcernBody = json(&body)?;
    let me = scope.actor().person_id().ok_or(AppError::Forbidden)?;
    let mut errors = FieldErrors::new();
    let about: Option<SupportedPersonId> = match b.service_user_id.trim() {
        "" => None,
        raw => given_id(raw, "service_user_id", "the service user", &mut errors),
    };
    let mut named = false;
    if let Some(id) = about {
        match state.app.supported_person(&scope, id).await {
            Ok(_) => named = true,
            Err(AppError::NotFound) => errors.add(
                "service_user_id",
                "There is no such service user in this organisation",
            ),
            Err(e) => return Err(e.into()),
        }
    }
    let input = ConcernInput {
        subject: b.subject,
        subject_name: b.subject_name,
        what: b.what,
        urgent: if b.urgent { "yes" } else { "" }.to_owned(),
    };
    // The concern's own fields are checked with the id's, so every problem is named at once.
    if let Err(more) = input.parse(named) {
        errors.0.extend(more.0);
    }
    errors.finish(|| Some(()))?;
    let concern = state
        .app
        .raise_concern(me, scope.organisation_id(), &input, about)
        .await?;
    let view = RaisedConcernView::new(concern, ConcernStatus::Raised);
    Ok((StatusCode::CREATED, Json(view)).into_response())
}

/// Safeguarding concerns (leads only)
///
/// Every concern with its whole record, newest first, for the organisation's safeguarding
/// leads and deputies. Anyone else, admins included, gets 404. Each listing is audited.
#[utoipa::path(get, path = "/api/v1/concerns", tag = "safeguarding",
    responses(
        (status = 200, description = "The concerns with their records", body = [ConcernView]),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "The token's staff member is not a safeguarding lead or deputy here", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn list_concerns(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
) -> Result<Json<Vec<ConcernView>>, ApiError> {
    let now = state.app.clock.now();
    let concerns = state.app.concerns_for_leads(&scope).await?;
    Ok(Json(
        concerns
            .into_iter()
            .map(|(c, record)| ConcernView::new(c, record, now))
            .collect(),
    ))
}

/// A safeguarding concern (leads only)
///
/// The concern and its whole record, every entry timestamped and attributed. The read is
/// audited.
#[utoipa::path(get, path = "/api/v1/concerns/{id}", tag = "safeguarding",
    params(("id" = Uuid, Path, description = "The concern's id")),
    responses(
        (status = 200, description = "The concern with its record", body = ConcernView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such concern here, or the token's staff member is not a safeguarding lead or deputy", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn get_concern(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<ConcernId>,
) -> Result<Json<ConcernView>, ApiError> {
    let now = state.app.clock.now();
    let (concern, record) = state.app.concern_for_leads(&scope, id).await?;
    Ok(Json(ConcernView::new(concern, record, now)))
}

/// Add to a concern's record (leads only)
///
/// `acknowledged` (once), then `assessed`, `escalated` (referred on: the local authority, the
/// police…), `closed` (with the outcome), or a `note` at any time. Entries are only ever
/// added: nothing already there changes.
#[utoipa::path(post, path = "/api/v1/concerns/{id}/entries", tag = "safeguarding",
    params(("id" = Uuid, Path, description = "The concern's id")),
    request_body = EntryBody,
    responses(
        (status = 201, description = "The concern with its record, the new entry last", body = ConcernView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such concern here, or the token's staff member is not a safeguarding lead or deputy", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "A `kind` not possible now (acknowledge first; only notes once closed), or no `text`", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn add_entry(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<ConcernId>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let b: EntryBody = json(&body)?;
    state
        .app
        .add_concern_entry(&scope, id, &b.kind, &b.text)
        .await?;
    let now = state.app.clock.now();
    let (concern, record) = state.app.concern_for_leads(&scope, id).await?;
    let view = ConcernView::new(concern, record, now);
    Ok((StatusCode::CREATED, Json(view)).into_response())
}

/// The safeguarding leads
///
/// Who the organisation's named safeguarding leads and deputies are. Everyone on the staff may
/// know.
#[utoipa::path(get, path = "/api/v1/safeguarding-leads", tag = "safeguarding",
    responses(
        (status = 200, description = "The leads and deputies", body = [LeadView]),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn list_leads(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
) -> Result<Json<Vec<LeadView>>, ApiError> {
    let leads = state.app.safeguarding_leads(&scope).await?;
    Ok(Json(leads.into_iter().map(LeadView::from).collect()))
}

/// Name the safeguarding leads
///
/// Replaces the list: at least one lead (not a deputy), everyone on the organisation's staff.
/// Only organisation admins.
#[utoipa::path(put, path = "/api/v1/safeguarding-leads", tag = "safeguarding",
    request_body = LeadsBody,
    responses(
        (status = 200, description = "The leads and deputies now", body = [LeadView]),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Only an organisation admin can name the leads", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "No lead, or someone not on the staff (`leads`); nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn set_leads(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    body: Bytes,
) -> Result<Json<Vec<LeadView>>, ApiError> {
    let b: LeadsBody = json(&body)?;
    let mut errors = FieldErrors::new();
    let mut leads = Vec::new();
    for lead in b.leads {
        if let Ok(person) = lead.person_id.trim().parse::<PersonId>() {
            leads.push((person, lead.deputy));
        } else if errors.get("leads").is_none() {
            errors.add("leads", "Give each lead's `person_id`: a staff member's id");
        }
    }
    errors.finish(|| Some(()))?;
    state.app.set_safeguarding_leads(&scope, &leads).await?;
    let now = state.app.safeguarding_leads(&scope).await?;
    Ok(Json(now.into_iter().map(LeadView::from).collect()))
}
