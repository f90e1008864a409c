//! Matches: inviting a volunteer (proposing), the organisation's matches with their contact
//! record, a manager's steps (withdraw, introduce, activate, end) and contacts recorded by
//! staff. Accepting or declining is the volunteer's alone, so no step here does it.

use app::{AppError, OrgScope};
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::FieldErrors;
use domain::ids::{MatchId, PersonId, SupportedPersonId};
use domain::support::{ContactInput, MatchStep};

use super::views::{ContactBody, ProposeBody, StepBody};
use super::{role_named, support_type_named};
use crate::AppState;
use crate::api::auth::ApiScope;
use crate::api::input::{Id, given_id, json, rename_fields};
use crate::api::problem::{ApiError, PROBLEM_JSON, Problem};
use crate::api::views::{ContactView, MatchView};

/// How often contact is expected when the request does not say: weekly.
const DEFAULT_CONTACT_EVERY_DAYS: u32 = 7;

/// One of the organisation's matches, described; not found for anyone else's.
async fn described(state: &AppState, scope: &OrgScope, id: MatchId) -> Result<MatchView, ApiError> {
    let found = state
        .app
        .match_views(scope)
        .await?
        .into_iter()
        .find(|m| m.record.id == id)
        .ok_or(AppError::NotFound)?;
    Ok(found.into())
}

/// The organisation's matches
///
/// Every match, newest first, with the latest contact and, for active matches, how many
/// days contact is overdue.
#[utoipa::path(get, path = "/api/v1/matches", tag = "matching",
    responses(
        (status = 200, description = "The matches", body = [MatchView]),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn list_matches(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
) -> Result<Json<Vec<MatchView>>, ApiError> {
    let matches = state.app.match_views(&scope).await?;
    Ok(Json(matches.into_iter().map(MatchView::from).collect()))
}

/// Invite a volunteer to support someone
///
/// Proposes a match: the volunteer is emailed an invitation and says yes or no themselves;
/// the match stays `proposed` until they do. Only someone assessed who has consented can be
/// matched, and only with a volunteer their suggestions list.
#[utoipa::path(post, path = "/api/v1/matches", tag = "matching",
    request_body = ProposeBody,
    responses(
        (status = 201, description = "The match, proposed", body = MatchView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "The volunteer's room filled, or the two already have an open match; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors` (a volunteer who cannot be suggested, or someone not assessed or without consent, is `volunteer_id`); nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn propose_match(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    body: Bytes,
) -> Result<Response, ApiError> {
    let b: ProposeBody = json(&body)?;
    let mut errors = FieldErrors::new();
    let person: Option<SupportedPersonId> = given_id(
        &b.service_user_id,
        "service_user_id",
        "the service user",
        &mut errors,
    );
    if let Some(id) = person {
        match state.app.supported_person(&scope, id).await {
            Ok(_) => {}
            Err(AppError::NotFound) => errors.add(
                "service_user_id",
                "There is no such service user in this organisation",
            ),
            Err(e) => return Err(e.into()),
        }
    }
    let volunteer: Option<PersonId> = given_id(
        &b.volunteer_id,
        "volunteer_id",
        "the volunteer",
        &mut errors,
    );
    let role = role_named(&state, &scope, &b.role_id, "role_id", &mut errors).await?;
    let support_type = support_type_named(&b.support_type, "support_type", &mut errors);
    let every = match b.contact_every_days.trim() {
        "" => Some(DEFAULT_CONTACT_EVERY_DAYS),
        days => {
            let parsed = days.parse::<u32>().ok();
            if parsed.is_none() {
                errors.add(
                    "contact_every_days",
                    "Enter how often contact is expected, from 1 to 92 days",
                );
            }
            parsed
        }
    };
    let (person, volunteer, role, support_type, every) =
        errors.finish(|| Some((person?, volunteer?, role?, support_type?, every?)))?;
    let proposed = state
        .app
        .propose_match(&scope, person, volunteer, role, support_type, every)
        .await
        .map_err(|e| rename_fields(e, |f| (f == "volunteer").then(|| "volunteer_id".to_owned())))?;
    let view = described(&state, &scope, proposed.id).await?;
    Ok((StatusCode::CREATED, Json(view)).into_response())
}

/// Take a step on a match
///
/// `withdraw` an invitation not yet answered; `introduce` once the volunteer has accepted;
/// `activate` once introduced (regular support starts today); `end` with a `reason`. The
/// service user's status follows. A proposed match cannot be introduced: only the volunteer
/// can accept an invitation, and `accept` or `decline` here are refused.
#[utoipa::path(post, path = "/api/v1/matches/{id}/step", tag = "matching",
    params(("id" = Uuid, Path, description = "The match's id")),
    request_body = StepBody,
    responses(
        (status = 200, description = "The match after the step", body = MatchView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such match in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "The match changed meanwhile; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "A step not possible now, or only the volunteer's (`step`), or ending without a `reason`", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn match_step(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<MatchId>,
    body: Bytes,
) -> Result<Json<MatchView>, ApiError> {
    described(&state, &scope, id).await?;
    let b: StepBody = json(&body)?;
    // Accept and decline are passed on so that the app, which alone knows who may take them,
    // refuses them with its own reason.
    let step = MatchStep::parse(&b.step, &b.reason)?;
    state.app.match_step(&scope, id, &step).await?;
    Ok(Json(described(&state, &scope, id).await?))
}

/// Record a contact on a match
///
/// A visit or call the volunteer reported to staff (volunteers log their own in Alongside).
/// Only once they have been introduced.
#[utoipa::path(post, path = "/api/v1/matches/{id}/contacts", tag = "matching",
    params(("id" = Uuid, Path, description = "The match's id")),
    request_body = ContactBody,
    responses(
        (status = 201, description = "The contact", body = ContactView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such match in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "They have not been introduced (or the match has ended)", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn record_contact(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<MatchId>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let described = described(&state, &scope, id).await?;
    let b: ContactBody = json(&body)?;
    let input = ContactInput {
        on: b.on,
        minutes: b.minutes,
        kind: b.kind,
        note: b.note,
        concerns: if b.concerns { "yes" } else { "" }.to_owned(),
    };
    let contact = state.app.record_contact(&scope, id, &input).await?;
    let view = ContactView::new(contact, described.volunteer_name);
    Ok((StatusCode::CREATED, Json(view)).into_response())
}
