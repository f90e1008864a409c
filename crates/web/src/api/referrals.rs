//! Referrals for other systems: the managers' triage queue with each referral's target and
//! whether it was missed, a referral by a member of staff (a ward referring a patient, say),
//! and the decision on one (accept, decline or redirect, the reason emailed to the referrer).

use app::AppError;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::ids::ReferralId;
use domain::support::{ReferralDecision, ReferralInput};
use serde::Deserialize;
use utoipa::ToSchema;

use super::auth::ApiScope;
use super::input::{Id, json, rename_fields, text};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use super::service_users::ServiceUserBody;
use super::views::{ReferralView, SupportTypeCode, UrgencyCode};
use crate::AppState;

/// The referral routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/referrals", get(list_referrals).post(refer))
        .route("/referrals/{id}/decision", post(decide_referral))
}

/// The referral's own fields.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ReferralBody {
    /// The support needed.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = SupportTypeCode)]
    pub support_type: String,
    /// How soon.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = UrgencyCode)]
    pub urgency: String,
    /// What support is needed and why, in the referrer's words.
    #[serde(default, deserialize_with = "text")]
    pub need: String,
    /// The referrer's name (required for a staff referral).
    #[serde(default, deserialize_with = "text")]
    pub referrer_name: String,
    /// Where to email the decision.
    #[serde(default, deserialize_with = "text")]
    pub referrer_email: String,
}

/// The fields of [`ReferralBody`], which the app names without their prefix.
const REFERRAL_FIELDS: [&str; 5] = [
    "support_type",
    "urgency",
    "need",
    "referrer_name",
    "referrer_email",
];

/// A referral by a member of staff: the person referred and the referral.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct StaffReferralBody {
    /// The person referred, with their consent if already given (they are recorded as
    /// receiving support whatever `receives_support` says).
    #[serde(default)]
    pub person: ServiceUserBody,
    /// The referral.
    #[serde(default)]
    pub referral: ReferralBody,
}

/// A triage decision.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ReferralDecisionBody {
    /// `accept` (the person goes on to assessment), `decline` or `redirect`.
    #[serde(default, deserialize_with = "text")]
    pub decision: String,
    /// For `decline`, the reason; for `redirect`, where it was sent and why. Emailed to the
    /// referrer.
    #[serde(default, deserialize_with = "text")]
    pub note: String,
}

/// The triage queue
///
/// Referrals waiting for a decision first (the soonest due first), then decided ones, newest
/// first; each with when a decision is due and whether the target was missed.
#[utoipa::path(get, path = "/api/v1/referrals", tag = "referrals",
    responses(
        (status = 200, description = "The referrals", body = [ReferralView]),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn list_referrals(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
) -> Result<Json<Vec<ReferralView>>, ApiError> {
    let queue = state.app.referral_queue(&scope).await?;
    Ok(Json(queue.into_iter().map(ReferralView::from).collect()))
}

/// Refer someone
///
/// A referral by the token's staff member: records the person (status `referred`) and the
/// referral, which joins the triage queue. Invalid fields are named by their place in the
/// body, like `person.given_name` or `referral.support_type`.
#[utoipa::path(post, path = "/api/v1/referrals", tag = "referrals",
    request_body = StaffReferralBody,
    responses(
        (status = 201, description = "The referral, in the queue", body = ReferralView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn refer(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    body: Bytes,
) -> Result<Response, ApiError> {
    let b: StaffReferralBody = json(&body)?;
    let r = b.referral;
    let referral = ReferralInput {
        support_type: r.support_type,
        urgency: r.urgency,
        need: r.need,
        referrer_name: r.referrer_name,
        referrer_email: r.referrer_email,
    };
    let made = state
        .app
        .refer(&scope, &b.person.input(), &referral)
        .await
        .map_err(|e| {
            rename_fields(e, |field| {
                let part = if REFERRAL_FIELDS.contains(&field) {
                    "referral"
                } else {
                    "person"
                };
                Some(format!("{part}.{field}"))
            })
        })?;
    let view = state.app.referral(&scope, made.id).await?;
    Ok((StatusCode::CREATED, Json(ReferralView::from(view))).into_response())
}

/// Decide a referral
///
/// Accepting moves the person on to `assessed` (waiting for a volunteer); declining or
/// redirecting closes their record with the note. The referrer, where an email address is
/// known, is emailed the decision (and the note). A referral is decided once.
#[utoipa::path(post, path = "/api/v1/referrals/{id}/decision", tag = "referrals",
    params(("id" = Uuid, Path, description = "The referral's id")),
    request_body = ReferralDecisionBody,
    responses(
        (status = 200, description = "The decided referral", body = ReferralView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such referral in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "The referral has already been decided", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "No such `decision`, or declining or redirecting without a `note`", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn decide_referral(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<ReferralId>,
    body: Bytes,
) -> Result<Json<ReferralView>, ApiError> {
    state.app.referral(&scope, id).await?;
    let b: ReferralDecisionBody = json(&body)?;
    let decision = ReferralDecision::parse(&b.decision, &b.note).map_err(AppError::Invalid)?;
    state.app.decide_referral(&scope, id, &decision).await?;
    let view = state.app.referral(&scope, id).await?;
    Ok(Json(ReferralView::from(view)))
}
