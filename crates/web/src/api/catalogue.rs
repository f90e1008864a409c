//! The organisation's catalogue of check types and training modules: the standard set every
//! organisation starts with, and its own.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use domain::compliance::RequirementTypeInput;
use domain::ids::RequirementTypeId;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa::openapi::schema::{Object, ObjectBuilder, Type};

use super::auth::ApiScope;
use super::input::{Id, PagingQuery, json, list_paging, text};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use super::views::{CataloguePage, RequirementTypeView, page_of};
use crate::AppState;

/// The catalogue routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/catalogue",
            get(list_catalogue).post(create_requirement_type),
        )
        .route(
            "/catalogue/{id}",
            get(get_requirement_type).put(update_requirement_type),
        )
}

/// A check type or training module as sent to add or change one.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct CatalogueBody {
    /// Name, e.g. "Dementia awareness"; up to 120 characters. A standard item keeps its name.
    #[serde(default, deserialize_with = "text")]
    pub name: String,
    /// `training` or `other` (a check of the organisation's own). Fixed once added.
    #[serde(default, deserialize_with = "text")]
    #[schema(schema_with = own_kind_schema)]
    pub kind: String,
    /// What it involves; up to 2,000 characters.
    #[serde(default, deserialize_with = "text")]
    pub description: String,
    /// How many months it stays valid, 1 to 120 (a string of digits is accepted too); blank or
    /// null when it does not expire.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<u32>)]
    pub validity_months: String,
}

/// The schema of the kinds an organisation can add.
fn own_kind_schema() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(
            "`training` for a training module, `other` for a check of the organisation's own.",
        ))
        .enum_values(Some(["training", "other"]))
        .build()
}

impl From<CatalogueBody> for RequirementTypeInput {
    fn from(b: CatalogueBody) -> Self {
        Self {
            name: b.name,
            kind: b.kind,
            description: b.description,
            validity_months: b.validity_months,
        }
    }
}

/// List the catalogue
///
/// A page of the organisation's check types and training modules: checks first, then
/// training, by name. Their ids go in a role's `requirement_type_ids`.
#[utoipa::path(
    get,
    path = "/api/v1/catalogue",
    tag = "catalogue",
    params(PagingQuery),
    responses(
        (status = 200, description = "A page of the catalogue", body = CataloguePage),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "A paging value is invalid, named in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn list_catalogue(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    RawQuery(query): RawQuery,
) -> Result<Json<CataloguePage>, ApiError> {
    let paging = list_paging(query.as_deref())?;
    Ok(Json(page_of::<_, CataloguePage>(
        state.app.catalogue(&scope).await?,
        paging,
    )))
}

/// Get one catalogue item
#[utoipa::path(
    get,
    path = "/api/v1/catalogue/{id}",
    tag = "catalogue",
    params(("id" = Uuid, Path, description = "The catalogue item's id")),
    responses(
        (status = 200, description = "The check type or training module", body = RequirementTypeView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such item in this organisation's catalogue", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn get_requirement_type(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<RequirementTypeId>,
) -> Result<Json<RequirementTypeView>, ApiError> {
    Ok(Json(state.app.requirement_type(&scope, id).await?.into()))
}

/// Add a check type or training module
///
/// The organisation's own, alongside the standard catalogue. Each of its own items needs a
/// different name.
#[utoipa::path(
    post,
    path = "/api/v1/catalogue",
    tag = "catalogue",
    request_body = CatalogueBody,
    responses(
        (status = 201, description = "The new catalogue item", body = RequirementTypeView,
            headers(("location" = String, description = "The new item's address"))),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields (or a name already in the catalogue), each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn create_requirement_type(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    body: Bytes,
) -> Result<Response, ApiError> {
    let input = RequirementTypeInput::from(json::<CatalogueBody>(&body)?);
    let t = state.app.add_requirement_type(&scope, &input).await?;
    let location = format!("/api/v1/catalogue/{}", t.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(RequirementTypeView::from(t)),
    )
        .into_response())
}

/// Change a catalogue item
///
/// Its description and validity; and its name, for the organisation's own items. Its kind
/// stays as it is.
#[utoipa::path(
    put,
    path = "/api/v1/catalogue/{id}",
    tag = "catalogue",
    params(("id" = Uuid, Path, description = "The catalogue item's id")),
    request_body = CatalogueBody,
    responses(
        (status = 200, description = "The changed item", body = RequirementTypeView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such item in this organisation's catalogue", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn update_requirement_type(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<RequirementTypeId>,
    body: Bytes,
) -> Result<Json<RequirementTypeView>, ApiError> {
    let input = RequirementTypeInput::from(json::<CatalogueBody>(&body)?);
    Ok(Json(
        state
            .app
            .update_requirement_type(&scope, id, &input)
            .await?
            .into(),
    ))
}
