//! Sharing across networks for the token's organisation: listing its roles to a network,
//! referring its volunteers (who agreed) to another member's listed role, the referrals it made
//! or received, and what it took on for a person through the volunteer passport.

use app::AppError;
use app::network_scope::RecognitionRecord;
use app::network_sharing::{ReferralInput, ReferralView};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, NaiveDate, Utc};
use domain::FieldErrors;
use domain::ids::{NetworkId, PersonId, RoleId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::ApiScope;
use super::input::{Id, given_id, json, text};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use crate::AppState;

/// The sharing routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/roles/{id}/network-listings", post(list_role))
        .route("/network-referrals", get(list_network_referrals))
        .route("/people/{id}/network-referrals", post(refer_to_network))
        .route("/people/{id}/recognitions", get(list_recognitions))
}

/// Where a role is listed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ListingView {
    /// The role.
    pub role_id: Uuid,
    /// The network it is listed to.
    pub network_id: Uuid,
    /// When.
    pub listed_at: DateTime<Utc>,
}

/// Listing a role to a network, or taking it off.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ListingBody {
    /// A network the organisation belongs to.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Uuid)]
    pub network_id: String,
    /// True to list the role (the default), false to take it off.
    #[serde(default = "listed_by_default")]
    pub listed: bool,
}

fn listed_by_default() -> bool {
    true
}

/// A volunteer referred between members of a network, with where it got to.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NetworkReferralView {
    /// Identifier.
    pub id: Uuid,
    /// The network both organisations belong to.
    pub network_id: Uuid,
    /// The organisation that referred.
    pub from_organisation_id: Uuid,
    /// Its name.
    pub from_organisation: String,
    /// The organisation referred to.
    pub to_organisation_id: Uuid,
    /// Its name.
    pub to_organisation: String,
    /// The volunteer.
    pub person_id: Uuid,
    /// Their name.
    pub volunteer: String,
    /// The role at the receiving organisation.
    pub role_id: Uuid,
    /// Its title.
    pub role: String,
    /// The application made for them.
    pub application_id: Option<Uuid>,
    /// Where the application got to, in words (the outcome).
    pub outcome: String,
    /// Why, in the referrer's words.
    pub note: String,
    /// The day the volunteer agreed to be referred.
    pub consent_on: NaiveDate,
    /// Who referred.
    pub referred_by: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

impl From<&ReferralView> for NetworkReferralView {
    fn from(v: &ReferralView) -> Self {
        let r = &v.referral;
        Self {
            id: r.id.0,
            network_id: r.network_id.0,
            from_organisation_id: r.from_organisation_id.0,
            from_organisation: v.from.clone(),
            to_organisation_id: r.to_organisation_id.0,
            to_organisation: v.to.clone(),
            person_id: r.person_id.0,
            volunteer: v.volunteer.clone(),
            role_id: r.role_id.0,
            role: v.role.clone(),
            application_id: r.application_id.map(|a| a.0),
            outcome: v.outcome.clone(),
            note: r.note.clone(),
            consent_on: r.consent_on,
            referred_by: r.referred_by.clone(),
            created_at: r.created_at,
        }
    }
}

/// A referral of a volunteer to another member's listed role.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct NetworkReferralBody {
    /// A role another member of one of the organisation's networks has listed to it.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Uuid)]
    pub role_id: String,
    /// The day the volunteer agreed to be referred, like "2027-03-01": today or earlier.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = NaiveDate)]
    pub consent_on: String,
    /// Why they would suit the role.
    #[serde(default, deserialize_with = "text")]
    pub note: String,
}

/// A record the organisation took on from another's verification.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecognitionView {
    /// The organisation's own check or training record it verified.
    pub check_id: Uuid,
    /// The catalogue item's name.
    pub item: String,
    /// The organisation that verified it first.
    pub from_organisation_id: Uuid,
    /// Its name, as it was then.
    pub from_organisation: String,
    /// The agreement it came under.
    pub agreement_id: Uuid,
    /// The volunteer's consent it came under.
    pub consent_id: Uuid,
    /// The day the first organisation verified it.
    pub verified_on: NaiveDate,
    /// When this organisation took it on.
    pub recognised_at: DateTime<Utc>,
}

impl From<&RecognitionRecord> for RecognitionView {
    fn from(v: &RecognitionRecord) -> Self {
        let r = &v.recognition;
        Self {
            check_id: r.check_id.0,
            item: v.item.clone(),
            from_organisation_id: r.from_organisation_id.0,
            from_organisation: r.from_organisation_name.clone(),
            agreement_id: r.agreement_id.0,
            consent_id: r.consent_id.0,
            verified_on: r.verified_on,
            recognised_at: r.recognised_at,
        }
    }
}

/// List a role to a network, or take it off
///
/// Members of the network can then see the role and refer their volunteers to it. Only an open
/// role can be listed. Answers with every network the role is now listed to.
#[utoipa::path(post, path = "/api/v1/roles/{id}/network-listings", tag = "networks",
    params(("id" = Uuid, Path, description = "The role's id")),
    request_body = ListingBody,
    responses(
        (status = 200, description = "Where the role is now listed", body = [ListingView]),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such role in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Not a network the organisation belongs to (`network_id`), or a role that is not open (`role`)", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn list_role(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(role): Id<RoleId>,
    body: Bytes,
) -> Result<Json<Vec<ListingView>>, ApiError> {
    // Not found before the body is read, so another organisation learns nothing from errors.
    state.app.role(&scope, role).await?;
    let b: ListingBody = json(&body)?;
    let mut e = FieldErrors::new();
    let network: Option<NetworkId> = given_id(&b.network_id, "network_id", "a network", &mut e);
    let belongs = match network {
        Some(id) => state
            .app
            .organisation_networks(&scope)
            .await?
            .iter()
            .any(|n| n.id == id),
        None => false,
    };
    let Some(network) = network.filter(|_| belongs) else {
        if e.is_empty() {
            e.add(
                "network_id",
                "Choose a network your organisation belongs to",
            );
        }
        return Err(e.into());
    };
    state
        .app
        .list_role_to_network(&scope, network, role, b.listed)
        .await?;
    let listings = state.app.role_listings(&scope).await?;
    Ok(Json(
        listings
            .iter()
            .filter(|l| l.role_id == role)
            .map(|l| ListingView {
                role_id: l.role_id.0,
                network_id: l.network_id.0,
                listed_at: l.listed_at,
            })
            .collect(),
    ))
}

/// Volunteers referred across networks
///
/// Referrals the organisation made to other members, and those it received, newest first,
/// each with the outcome of the application it made.
#[utoipa::path(get, path = "/api/v1/network-referrals", tag = "networks",
    responses(
        (status = 200, description = "The referrals", body = [NetworkReferralView]),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow seeing volunteers", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn list_network_referrals(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
) -> Result<Json<Vec<NetworkReferralView>>, ApiError> {
    let referrals = state.app.volunteer_referrals(&scope).await?;
    Ok(Json(
        referrals.iter().map(NetworkReferralView::from).collect(),
    ))
}

/// Refer a volunteer to another member's role
///
/// With the volunteer's agreement, to a role another member of one of the organisation's
/// networks has listed: the application is made for them in the same change.
#[utoipa::path(post, path = "/api/v1/people/{id}/network-referrals", tag = "networks",
    params(("id" = Uuid, Path, description = "The volunteer's id")),
    request_body = NetworkReferralBody,
    responses(
        (status = 201, description = "The referral", body = NetworkReferralView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such volunteer in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors` (a role not listed by another member, or one they cannot apply to, is `role_id`); nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn refer_to_network(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(person): Id<PersonId>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let b: NetworkReferralBody = json(&body)?;
    let input = ReferralInput {
        role_id: b.role_id,
        consent_on: b.consent_on,
        note: b.note,
    };
    let referral = state.app.refer_volunteer(&scope, person, &input).await?;
    let view = state
        .app
        .volunteer_referrals(&scope)
        .await?
        .iter()
        .find(|v| v.referral.id == referral.id)
        .map(NetworkReferralView::from)
        .ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(view)).into_response())
}

/// What the organisation took on for a person through the passport
///
/// Each record the organisation's checklist took on as verified by another organisation, under
/// a mutual recognition agreement and the volunteer's consent. Check data: every read is
/// audited.
#[utoipa::path(get, path = "/api/v1/people/{id}/recognitions", tag = "checks",
    params(("id" = Uuid, Path, description = "The volunteer's id")),
    responses(
        (status = 200, description = "What was taken on, newest first", body = [RecognitionView]),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow seeing check data", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such volunteer in this organisation", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn list_recognitions(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(person): Id<PersonId>,
) -> Result<Json<Vec<RecognitionView>>, ApiError> {
    let records = state.app.passport_recognitions(&scope, person).await?;
    Ok(Json(records.iter().map(RecognitionView::from).collect()))
}
