//! Sites: the places where the organisation's volunteering happens.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use domain::ids::SiteId;
use domain::site::SiteInput;
use serde::Deserialize;
use utoipa::ToSchema;

use super::auth::ApiScope;
use super::input::{Id, PagingQuery, json, list_paging, text};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use super::views::{SiteKindCode, SitePage, SiteView, page_of};
use crate::AppState;

/// The site routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sites", get(list_sites).post(create_site))
        .route("/sites/{id}", get(get_site).put(update_site))
}

/// A site as sent to create or replace one.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct SiteBody {
    /// Name, e.g. "Ward 7 (Elderly care)"; up to 200 characters.
    #[serde(default, deserialize_with = "text")]
    pub name: String,
    /// Kind of place.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = SiteKindCode)]
    pub kind: String,
    /// Postcode; needed for hospitals and community hubs.
    #[serde(default, deserialize_with = "text")]
    pub postcode: String,
}

impl From<SiteBody> for SiteInput {
    fn from(b: SiteBody) -> Self {
        Self {
            name: b.name,
            kind: b.kind,
            postcode: b.postcode,
        }
    }
}

/// List the organisation's sites
///
/// A page of the sites, by name.
#[utoipa::path(
    get,
    path = "/api/v1/sites",
    tag = "sites",
    params(PagingQuery),
    responses(
        (status = 200, description = "A page of the organisation's sites", body = SitePage),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "A paging value is invalid, named in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn list_sites(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    RawQuery(query): RawQuery,
) -> Result<Json<SitePage>, ApiError> {
    let paging = list_paging(query.as_deref())?;
    Ok(Json(page_of::<_, SitePage>(
        state.app.sites(&scope).await?,
        paging,
    )))
}

/// Get one site
#[utoipa::path(
    get,
    path = "/api/v1/sites/{id}",
    tag = "sites",
    params(("id" = Uuid, Path, description = "The site's id")),
    responses(
        (status = 200, description = "The site", body = SiteView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such site in this organisation", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn get_site(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<SiteId>,
) -> Result<Json<SiteView>, ApiError> {
    Ok(Json(state.app.site(&scope, id).await?.into()))
}

/// Add a site
#[utoipa::path(
    post,
    path = "/api/v1/sites",
    tag = "sites",
    request_body = SiteBody,
    responses(
        (status = 201, description = "The new site", body = SiteView,
            headers(("location" = String, description = "The new site's address"))),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn create_site(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    body: Bytes,
) -> Result<Response, ApiError> {
    let input: SiteInput = json::<SiteBody>(&body)?.into();
    let site = state.app.create_site(&scope, &input).await?;
    let location = format!("/api/v1/sites/{}", site.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(SiteView::from(site)),
    )
        .into_response())
}

/// Replace a site's details
#[utoipa::path(
    put,
    path = "/api/v1/sites/{id}",
    tag = "sites",
    params(("id" = Uuid, Path, description = "The site's id")),
    request_body = SiteBody,
    responses(
        (status = 200, description = "The changed site", body = SiteView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such site in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn update_site(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<SiteId>,
    body: Bytes,
) -> Result<Json<SiteView>, ApiError> {
    let input: SiteInput = json::<SiteBody>(&body)?.into();
    Ok(Json(
        state.app.update_site(&scope, id, &input).await?.into(),
    ))
}
