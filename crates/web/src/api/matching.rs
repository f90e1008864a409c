//! Matching volunteers with service users, for other systems: a volunteer's offer (match
//! profile), suggestions for one person with the reasons for each (and who was ruled out and
//! why), the batch plan for the whole waiting list (which sends nothing), and the matches
//! themselves (`matches.rs`): invitations, a manager's steps and contacts. A volunteer is only
//! ever invited: nothing here can accept for them.

mod matches;
mod views;

use app::{AppError, OrgScope};
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::ids::{PersonId, RoleId, SupportedPersonId};
use domain::support::{MatchProfileInput, SupportType};
use domain::{FieldErrors, Labelled};

use super::auth::ApiScope;
use super::input::{Id, all_codes, given_id, json, query_value};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use super::views::SupportTypeCode;
use crate::AppState;
pub use matches::*;
pub use views::*;

/// The matching routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/service-users/{id}/suggestions", get(suggest_volunteers))
        .route("/matching/plan", post(plan_matching))
        .route(
            "/people/{id}/match-profile",
            get(get_match_profile).put(set_match_profile),
        )
        .route("/matches", get(list_matches).post(propose_match))
        .route("/matches/{id}/step", post(match_step))
        .route("/matches/{id}/contacts", post(record_contact))
}

/// The role named by `raw` as `field`: an error naming the field when it is blank, not an id,
/// or no role of this organisation (which says nothing of other organisations' roles).
async fn role_named(
    state: &AppState,
    scope: &OrgScope,
    raw: &str,
    field: &str,
    errors: &mut FieldErrors,
) -> Result<Option<RoleId>, ApiError> {
    let Some(role) = given_id::<RoleId>(raw, field, "a role", errors) else {
        return Ok(None);
    };
    match state.app.role(scope, role).await {
        Ok(_) => Ok(Some(role)),
        Err(AppError::NotFound) => {
            errors.add(field, "There is no such role in this organisation");
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

/// The support type `raw` as `field`, or an error naming the field that lists the codes.
fn support_type_named(raw: &str, field: &str, errors: &mut FieldErrors) -> Option<SupportType> {
    let found = SupportType::from_code(raw.trim());
    if found.is_none() {
        let label = field[..1].to_uppercase() + &field[1..].replace('_', " ");
        errors.add(
            field,
            format!("{label} must be {}", all_codes::<SupportType>()),
        );
    }
    found
}

/// Suggested volunteers for a service user
///
/// Volunteers active and eligible today in `role`, who offer `support_type` and have room,
/// best first with the reasons for each; and every other volunteer active in the role with
/// why they cannot be suggested (not eligible, no offer, too far, language, days, already
/// invited…).
#[utoipa::path(get, path = "/api/v1/service-users/{id}/suggestions", tag = "matching",
    params(
        ("id" = Uuid, Path, description = "The service user's id"),
        ("role" = Uuid, Query, description = "The role volunteers would support them in"),
        ("support_type" = SupportTypeCode, Query, description = "The support"),
    ),
    responses(
        (status = 200, description = "The suggestions, and who was ruled out", body = SuggestionsView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such service user in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "A missing or unknown `role` or `support_type`", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn suggest_volunteers(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<SupportedPersonId>,
    RawQuery(query): RawQuery,
) -> Result<Json<SuggestionsView>, ApiError> {
    state.app.supported_person(&scope, id).await?;
    let raw = query.unwrap_or_default();
    let value = |name| query_value(&raw, name).unwrap_or_default();
    let mut errors = FieldErrors::new();
    let role = role_named(&state, &scope, &value("role"), "role", &mut errors).await?;
    let support_type = support_type_named(&value("support_type"), "support_type", &mut errors);
    let (role, support_type) = errors.finish(|| Some((role?, support_type?)))?;
    let suggestions = state
        .app
        .suggest_volunteers(&scope, id, role, support_type)
        .await?;
    Ok(Json(suggestions.into()))
}

/// Plan matching for the waiting list
///
/// The optimal set of invitations for everyone assessed, consented and waiting, for
/// `support_type` in `role`: each person at most one volunteer, no volunteer beyond their
/// room, the greatest total fit (beside what a greedy choice would reach). Nothing is saved
/// or sent: propose the pairs you confirm with `POST /matches`.
#[utoipa::path(post, path = "/api/v1/matching/plan", tag = "matching",
    request_body = BatchPlanBody,
    responses(
        (status = 200, description = "The plan", body = BatchPlanView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "A missing or unknown `role_id` or `support_type`", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn plan_matching(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    body: Bytes,
) -> Result<Json<BatchPlanView>, ApiError> {
    let b: BatchPlanBody = json(&body)?;
    let mut errors = FieldErrors::new();
    let role = role_named(&state, &scope, &b.role_id, "role_id", &mut errors).await?;
    let support_type = support_type_named(&b.support_type, "support_type", &mut errors);
    let (role, support_type) = errors.finish(|| Some((role?, support_type?)))?;
    let plan = state
        .app
        .plan_batch_matching(&scope, role, support_type)
        .await?;
    Ok(Json(plan.into()))
}

/// A volunteer's offer of support
///
/// How many people they can support, how far they travel, the days they are free and the
/// kinds of support they offer. Suggestions list only volunteers who have one.
#[utoipa::path(get, path = "/api/v1/people/{id}/match-profile", tag = "matching",
    params(("id" = Uuid, Path, description = "The volunteer's id")),
    responses(
        (status = 200, description = "Their offer", body = MatchProfileView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such volunteer in this organisation, or they have not offered person-to-person support", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn get_match_profile(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(person): Id<PersonId>,
) -> Result<Json<MatchProfileView>, ApiError> {
    let profile = state
        .app
        .match_profile(&scope, person)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(profile.into()))
}

/// Record a volunteer's offer of support
///
/// Replaces any earlier offer, for someone volunteering (or applying) with the organisation.
/// Capacity 0 keeps them out of suggestions without losing the rest.
#[utoipa::path(put, path = "/api/v1/people/{id}/match-profile", tag = "matching",
    params(("id" = Uuid, Path, description = "The volunteer's id")),
    request_body = MatchProfileBody,
    responses(
        (status = 200, description = "The offer as kept", body = MatchProfileView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such volunteer in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn set_match_profile(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(person): Id<PersonId>,
    body: Bytes,
) -> Result<Json<MatchProfileView>, ApiError> {
    let b: MatchProfileBody = json(&body)?;
    let input = MatchProfileInput {
        capacity: b.capacity,
        travel_miles: b.travel_miles,
        days: b.days,
        gender: b.gender,
        support_types: b.support_types,
    };
    let profile = state.app.set_match_profile(&scope, person, &input).await?;
    Ok(Json(profile.into()))
}
