//! The token's own organisation: anyone may read its details; organisation admins may change them.

use axum::body::Bytes;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use domain::organisation::OrganisationInput;
use serde::Deserialize;
use utoipa::ToSchema;

use super::auth::ApiScope;
use super::input::{json, text};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use super::views::{OrganisationKindCode, OrganisationView, SectorCode};
use crate::AppState;

/// The organisation routes.
pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/organisation",
        get(get_organisation).put(update_organisation),
    )
}

/// An organisation's details as sent to replace them.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct OrganisationBody {
    /// Full name; up to 200 characters.
    #[serde(default, deserialize_with = "text")]
    pub name: String,
    /// Short unique name used in web addresses.
    #[serde(default, deserialize_with = "text")]
    pub slug: String,
    /// Sector.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = SectorCode)]
    pub sector: String,
    /// Kind of body; NHS kinds need the NHS sector.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = OrganisationKindCode)]
    pub kind: String,
    /// ODS code; needed for NHS organisations.
    #[serde(default, deserialize_with = "text")]
    pub ods_code: String,
    /// Registered charity number; needed for charities.
    #[serde(default, deserialize_with = "text")]
    pub charity_number: String,
    /// Street address, one line per line.
    #[serde(default, deserialize_with = "text")]
    pub address: String,
    /// Postcode.
    #[serde(default, deserialize_with = "text")]
    pub postcode: String,
}

impl From<OrganisationBody> for OrganisationInput {
    fn from(b: OrganisationBody) -> Self {
        Self {
            name: b.name,
            slug: b.slug,
            sector: b.sector,
            kind: b.kind,
            ods_code: b.ods_code,
            charity_number: b.charity_number,
            address: b.address,
            postcode: b.postcode,
        }
    }
}

/// Get the token's organisation
#[utoipa::path(
    get,
    path = "/api/v1/organisation",
    tag = "organisation",
    responses(
        (status = 200, description = "The organisation the token works for", body = OrganisationView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn get_organisation(ApiScope(scope): ApiScope) -> Json<OrganisationView> {
    Json(scope.organisation().clone().into())
}

/// Replace the organisation's details
///
/// Organisation admins only.
#[utoipa::path(
    put,
    path = "/api/v1/organisation",
    tag = "organisation",
    request_body = OrganisationBody,
    responses(
        (status = 200, description = "The changed organisation", body = OrganisationView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token is not an organisation admin's", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn update_organisation(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    body: Bytes,
) -> Result<Json<OrganisationView>, ApiError> {
    let input: OrganisationInput = json::<OrganisationBody>(&body)?.into();
    Ok(Json(
        state.app.update_organisation(&scope, &input).await?.into(),
    ))
}
