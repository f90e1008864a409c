//! Networks for the token's organisation: the networks it belongs to, one network's details and
//! member directory, its membership list for coordinators (adding members, recording renewals,
//! ending memberships), and the organisation's benchmark. A network the organisation is not a
//! member of (and the token's person does not coordinate) is not found.

mod views;

use app::AppError;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::FieldErrors;
use domain::ids::NetworkMemberId;
use domain::network::membership::{MemberInput, RenewalInput};
use serde::Deserialize;
use utoipa::ToSchema;

pub use self::views::*;
use super::auth::ApiScope;
use super::input::{json, text};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use crate::AppState;

/// The network routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/networks", get(list_networks))
        .route("/networks/{slug}", get(get_network))
        .route(
            "/networks/{slug}/members",
            get(list_members).post(add_member),
        )
        .route(
            "/networks/{slug}/members/{id}/renewals",
            post(record_renewal),
        )
        .route("/networks/{slug}/members/{id}/end", post(end_member))
        .route("/networks/{slug}/benchmark", get(get_benchmark))
}

/// A new membership.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct MemberBody {
    /// `organisational` or `individual`.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = MembershipTypeCode)]
    pub membership_type: String,
    /// The organisation on Alongside, for an organisational member.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<Uuid>)]
    pub organisation_id: String,
    /// The person's name, for an individual member.
    #[serde(default, deserialize_with = "text")]
    pub name: String,
    /// Their email, for an individual member (linked to their account if they have one).
    #[serde(default, deserialize_with = "text")]
    pub email: String,
    /// Their job title.
    #[serde(default, deserialize_with = "text")]
    pub job_title: String,
    /// Where they work.
    #[serde(default, deserialize_with = "text")]
    pub employer: String,
    /// The day they joined, like "2027-01-31".
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = NaiveDate)]
    pub joined_on: String,
    /// The first renewal date, if the membership is renewed; blank for none.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<NaiveDate>)]
    pub renews_on: String,
    /// The yearly fee in pounds, like "45.00"; blank for none.
    #[serde(default, deserialize_with = "text")]
    pub annual_fee: String,
    /// Listed in the member directory (default false).
    #[serde(default)]
    pub in_directory: bool,
    /// What they would like other members to know.
    #[serde(default, deserialize_with = "text")]
    pub directory_note: String,
}

/// A renewal paid or agreed.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct RenewalBody {
    /// The day it was paid, like "2027-01-31": today or earlier.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = NaiveDate)]
    pub paid_on: String,
    /// What was paid in pounds, like "45.00" (0 for a free membership).
    #[serde(default, deserialize_with = "text")]
    pub amount: String,
}

/// When a membership ends.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct EndMemberBody {
    /// The day they leave, like "2027-03-31" (default today).
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<NaiveDate>)]
    pub ended_on: String,
}

/// A membership with its renewals.
#[derive(Debug, Clone, serde::Serialize, ToSchema)]
pub struct RenewedMember {
    /// The membership, with its new renewal date.
    pub member: MemberView,
    /// The renewal just recorded.
    pub renewal: RenewalView,
}

/// The member id from the path: anything that is not an id is not found.
fn member_id(raw: &str) -> Result<NetworkMemberId, ApiError> {
    Ok(raw.trim().parse().map_err(|_| AppError::NotFound)?)
}

/// Networks the organisation belongs to
///
/// The networks the token's organisation is a current member of.
#[utoipa::path(get, path = "/api/v1/networks", tag = "networks",
    responses(
        (status = 200, description = "The organisation's networks", body = [NetworkView]),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn list_networks(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
) -> Result<Json<Vec<NetworkView>>, ApiError> {
    let networks = state.app.organisation_networks(&scope).await?;
    Ok(Json(networks.iter().map(NetworkView::from).collect()))
}

/// A network, with its member directory
///
/// For a network the organisation belongs to (or the token's person coordinates): its details,
/// coordinators, and the current members who chose to be listed.
#[utoipa::path(get, path = "/api/v1/networks/{slug}", tag = "networks",
    params(("slug" = String, Path, description = "The network's short name")),
    responses(
        (status = 200, description = "The network", body = NetworkDetails),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such network, or the organisation is not a member", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn get_network(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path(slug): Path<String>,
) -> Result<Json<NetworkDetails>, ApiError> {
    let access = state.app.network_access_in(&scope, &slug).await?;
    let coordinators = state.app.coordinators(&access).await?;
    let directory = state.app.member_directory(&access).await?;
    Ok(Json(NetworkDetails {
        network: access.network().into(),
        coordinator: access.is_coordinator(),
        coordinators: coordinators.iter().map(|p| p.full_name()).collect(),
        directory: directory.iter().map(DirectoryEntry::from).collect(),
    }))
}

/// A network's members
///
/// Every membership, current and past, with fees and where it stands today. Coordinators only.
#[utoipa::path(get, path = "/api/v1/networks/{slug}/members", tag = "networks",
    params(("slug" = String, Path, description = "The network's short name")),
    responses(
        (status = 200, description = "The memberships", body = [MemberView]),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's person does not coordinate the network", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such network, or the organisation is not a member", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn list_members(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path(slug): Path<String>,
) -> Result<Json<Vec<MemberView>>, ApiError> {
    let access = state.app.network_access_in(&scope, &slug).await?;
    let members = state.app.network_members(&access).await?;
    Ok(Json(members.iter().map(MemberView::from).collect()))
}

/// Add a member
///
/// An organisation on Alongside, or a person (linked to their Alongside account if they have
/// one with that email). Coordinators only. An organisation or email that is already a current
/// member is refused (`membership_type`).
#[utoipa::path(post, path = "/api/v1/networks/{slug}/members", tag = "networks",
    params(("slug" = String, Path, description = "The network's short name")),
    request_body = MemberBody,
    responses(
        (status = 201, description = "The new membership", body = MemberView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's person does not coordinate the network", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such network, or the organisation is not a member", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn add_member(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let access = state.app.network_access_in(&scope, &slug).await?;
    // Refuse non-coordinators before reading the body, so they learn nothing from its errors.
    access.require_coordinator()?;
    let b: MemberBody = json(&body)?;
    let input = MemberInput {
        membership_type: b.membership_type,
        organisation_id: b.organisation_id,
        name: b.name,
        email: b.email,
        job_title: b.job_title,
        employer: b.employer,
        joined_on: b.joined_on,
        renews_on: b.renews_on,
        annual_fee: b.annual_fee,
        in_directory: b.in_directory,
        directory_note: b.directory_note,
    };
    let member = state.app.add_network_member(&access, &input).await?;
    let today = state.app.uk_today();
    Ok((
        StatusCode::CREATED,
        Json(MemberView::new(&member, member.standing(today))),
    )
        .into_response())
}

/// Record a renewal
///
/// The renewal date moves on a year: from the current renewal date when renewed on time, or
/// from the day paid when the membership had lapsed. Coordinators only. Two renewals worked out
/// from the same renewal date (the same payment recorded twice at once) add only one year: the
/// second is a 409.
#[utoipa::path(post, path = "/api/v1/networks/{slug}/members/{id}/renewals", tag = "networks",
    params(
        ("slug" = String, Path, description = "The network's short name"),
        ("id" = Uuid, Path, description = "The membership's id"),
    ),
    request_body = RenewalBody,
    responses(
        (status = 201, description = "The membership and the renewal recorded", body = RenewedMember),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's person does not coordinate the network", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such network or membership", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "The membership changed meanwhile; reload and try again", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors` (an ended membership is `paid_on`); nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn record_renewal(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path((slug, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let id = member_id(&id)?;
    let access = state.app.network_access_in(&scope, &slug).await?;
    access.require_coordinator()?;
    let b: RenewalBody = json(&body)?;
    let input = RenewalInput {
        paid_on: b.paid_on,
        amount: b.amount,
    };
    let recorded_by = state.app.scope_person_name(&scope).await?;
    let renewal = state
        .app
        .record_renewal(&access, id, &input, recorded_by)
        .await?;
    let (member, _) = state.app.network_member(&access, id).await?;
    Ok((
        StatusCode::CREATED,
        Json(RenewedMember {
            member: (&member).into(),
            renewal: (&renewal).into(),
        }),
    )
        .into_response())
}

/// End a membership
///
/// The member leaves the network on the day given (default today). Coordinators only. A
/// membership that has already ended is a 409.
#[utoipa::path(post, path = "/api/v1/networks/{slug}/members/{id}/end", tag = "networks",
    params(
        ("slug" = String, Path, description = "The network's short name"),
        ("id" = Uuid, Path, description = "The membership's id"),
    ),
    request_body(content = Option<EndMemberBody>, description = "The day they leave (optional: an empty body ends it today)"),
    responses(
        (status = 200, description = "The ended membership", body = MemberView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's person does not coordinate the network", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such network or membership", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "The membership has already ended", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "The day is not a real date (`ended_on`)", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn end_member(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path((slug, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<MemberView>, ApiError> {
    let id = member_id(&id)?;
    let access = state.app.network_access_in(&scope, &slug).await?;
    access.require_coordinator()?;
    let raw = if body.iter().all(u8::is_ascii_whitespace) {
        String::new()
    } else {
        json::<EndMemberBody>(&body)?.ended_on
    };
    let on = if raw.trim().is_empty() {
        state.app.uk_today()
    } else {
        let mut e = FieldErrors::new();
        let on = e.date("ended_on", "the day they leave", &raw);
        on.ok_or(AppError::Invalid(e))?
    };
    state.app.end_network_member(&access, id, on).await?;
    let (member, _) = state.app.network_member(&access, id).await?;
    Ok(Json((&member).into()))
}

/// The organisation's benchmark in a network
///
/// The token's organisation's figures over the last year beside the network's median and
/// quartiles. A figure from fewer than ten people is withheld, and the network's spread is
/// withheld when fewer than five members' figures count, so no other member's figure can be
/// worked out. For someone who manages volunteering at a current member organisation.
#[utoipa::path(get, path = "/api/v1/networks/{slug}/benchmark", tag = "networks",
    params(("slug" = String, Path, description = "The network's short name")),
    responses(
        (status = 200, description = "One row per measure", body = [BenchmarkRow]),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such network, or the organisation is not a current member the token's person manages volunteering for", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn get_benchmark(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path(slug): Path<String>,
) -> Result<Json<Vec<BenchmarkRow>>, ApiError> {
    let access = state.app.network_access_in(&scope, &slug).await?;
    let rows = state
        .app
        .network_benchmark(&access, scope.organisation_id())
        .await?;
    Ok(Json(rows.iter().map(BenchmarkRow::from).collect()))
}

#[cfg(test)]
mod tests {
    use uuid::Uuid;

    use super::*;

    #[test]
    fn a_member_id_that_is_not_an_id_is_not_found() {
        assert!(member_id("nope").is_err());
        assert!(member_id(&Uuid::now_v7().to_string()).is_ok());
    }
}
