//! Volunteer roles: written as drafts, published once they say how they complement paid staff,
//! and closed when recruiting ends.

use app::OrgScope;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::FieldErrors;
use domain::ids::{RoleId, SiteId};
use domain::role::{RoleInput, RoleStatus};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa::openapi::schema::{Object, ObjectBuilder, Type};

use super::auth::ApiScope;
use super::input::{Id, PagingQuery, json, list_paging, text, text_list};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use super::views::{DbsLevelCode, RolePage, RoleView, SettingCode, page_of};
use crate::AppState;

/// The role routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/roles", get(list_roles).post(create_role))
        .route("/roles/{id}", get(get_role).put(update_role))
        .route("/roles/{id}/publish", post(publish_role))
        .route("/roles/{id}/close", post(close_role))
}

/// A role as sent to create or replace one. Its status is changed only by publishing or closing.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct RoleBody {
    /// Title, e.g. "Mealtime companion"; up to 120 characters.
    #[serde(default, deserialize_with = "text")]
    pub title: String,
    /// One-line summary for lists; up to 300 characters.
    #[serde(default, deserialize_with = "text")]
    pub summary: String,
    /// Full description.
    #[serde(default, deserialize_with = "text")]
    pub description: String,
    /// Where the role is done.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = SettingCode)]
    pub setting: String,
    /// What the volunteer does.
    #[serde(default, deserialize_with = "text")]
    pub activities: String,
    /// The ids of the organisation's sites where the role is done.
    #[serde(default, deserialize_with = "text_list")]
    #[schema(value_type = Vec<Uuid>)]
    pub site_ids: Vec<String>,
    /// Time commitment in plain words, e.g. "3 hours a week for 6 months".
    #[serde(default, deserialize_with = "text")]
    pub time_commitment: String,
    /// Youngest age at which someone can take the role: 16 or 18.
    #[serde(default, deserialize_with = "text")]
    #[schema(schema_with = minimum_age_schema)]
    pub minimum_age: String,
    /// The DBS check the role needs.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = DbsLevelCode)]
    pub dbs_level: String,
    /// For an enhanced DBS check: `adult`, `child` or `both`.
    #[serde(default, deserialize_with = "text")]
    pub dbs_workforce: String,
    /// How many references are needed, 0 to 3 (a string of digits is accepted too).
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = u32)]
    pub references_required: String,
    /// Ids of other checks and training from the organisation's catalogue.
    #[serde(default, deserialize_with = "text_list")]
    #[schema(value_type = Vec<Uuid>)]
    pub requirement_type_ids: Vec<String>,
    /// How the role complements, and does not replace, paid staff (needed to publish).
    #[serde(default, deserialize_with = "text")]
    pub non_substitution_statement: String,
}

/// The schema of a role's minimum age: 16 or 18 (a string of digits is accepted too).
fn minimum_age_schema() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .description(Some(
            "Youngest age at which someone can take the role: 16 or 18.",
        ))
        .enum_values(Some([16, 18]))
        .build()
}

impl RoleBody {
    /// The domain input. A site id that is not an id fails, with every other problem found.
    fn into_input(self, scope: &OrgScope) -> Result<RoleInput, FieldErrors> {
        let parsed: Vec<Option<SiteId>> = self
            .site_ids
            .iter()
            .map(|raw| raw.trim().parse().ok())
            .collect();
        let bad_site = parsed.iter().any(Option::is_none);
        let requirements: Vec<Option<domain::ids::RequirementTypeId>> = self
            .requirement_type_ids
            .iter()
            .map(|raw| raw.trim().parse().ok())
            .collect();
        let bad_requirement = requirements.iter().any(Option::is_none);
        let input = RoleInput {
            title: self.title,
            summary: self.summary,
            description: self.description,
            setting: self.setting,
            activities: self.activities,
            site_ids: parsed.into_iter().flatten().collect(),
            time_commitment: self.time_commitment,
            minimum_age: self.minimum_age,
            dbs_level: self.dbs_level,
            dbs_workforce: self.dbs_workforce,
            references_required: self.references_required,
            requirement_type_ids: requirements.into_iter().flatten().collect(),
            non_substitution_statement: self.non_substitution_statement,
        };
        if !bad_site && !bad_requirement {
            return Ok(input);
        }
        let mut errors = input
            .parse(RoleId::new(), scope.organisation_id(), RoleStatus::Draft)
            .err()
            .unwrap_or_default();
        if bad_site {
            errors.add("site_ids", "Select sites from this organisation's list");
        }
        if bad_requirement {
            errors.add(
                "requirement_type_ids",
                "Select checks and training from this organisation's catalogue",
            );
        }
        Err(errors)
    }
}

/// List the organisation's roles
///
/// A page of the roles, drafts included, by title.
#[utoipa::path(
    get,
    path = "/api/v1/roles",
    tag = "roles",
    params(PagingQuery),
    responses(
        (status = 200, description = "A page of the organisation's roles", body = RolePage),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "A paging value is invalid, named in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn list_roles(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    RawQuery(query): RawQuery,
) -> Result<Json<RolePage>, ApiError> {
    let paging = list_paging(query.as_deref())?;
    Ok(Json(page_of::<_, RolePage>(
        state.app.roles(&scope).await?,
        paging,
    )))
}

/// Get one role
#[utoipa::path(
    get,
    path = "/api/v1/roles/{id}",
    tag = "roles",
    params(("id" = Uuid, Path, description = "The role's id")),
    responses(
        (status = 200, description = "The role", body = RoleView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such role in this organisation", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn get_role(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<RoleId>,
) -> Result<Json<RoleView>, ApiError> {
    Ok(Json(state.app.role(&scope, id).await?.into()))
}

/// Write a new role
///
/// The role starts as a draft; publish it to open it to applications.
#[utoipa::path(
    post,
    path = "/api/v1/roles",
    tag = "roles",
    request_body = RoleBody,
    responses(
        (status = 201, description = "The new draft role", body = RoleView,
            headers(("location" = String, description = "The new role's address"))),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn create_role(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    body: Bytes,
) -> Result<Response, ApiError> {
    let input = json::<RoleBody>(&body)?.into_input(&scope)?;
    let role = state.app.create_role(&scope, &input).await?;
    let location = format!("/api/v1/roles/{}", role.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(RoleView::from(role)),
    )
        .into_response())
}

/// Replace a role's details
///
/// The role keeps its status; an open role must keep its non-substitution statement.
#[utoipa::path(
    put,
    path = "/api/v1/roles/{id}",
    tag = "roles",
    params(("id" = Uuid, Path, description = "The role's id")),
    request_body = RoleBody,
    responses(
        (status = 200, description = "The changed role", body = RoleView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such role in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "Someone else changed the role first", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn update_role(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<RoleId>,
    body: Bytes,
) -> Result<Json<RoleView>, ApiError> {
    let input = json::<RoleBody>(&body)?.into_input(&scope)?;
    Ok(Json(
        state.app.update_role(&scope, id, &input).await?.into(),
    ))
}

/// Publish a role
///
/// Opens the role to applications. Volunteering is not employment: the role must first say how
/// it complements, and does not replace, paid staff (`non_substitution_statement`).
#[utoipa::path(
    post,
    path = "/api/v1/roles/{id}/publish",
    tag = "roles",
    params(("id" = Uuid, Path, description = "The role's id")),
    responses(
        (status = 200, description = "The role, now open", body = RoleView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such role in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "Someone else changed the role first", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "The role has no non-substitution statement", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn publish_role(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<RoleId>,
) -> Result<Json<RoleView>, ApiError> {
    Ok(Json(state.app.publish_role(&scope, id).await?.into()))
}

/// Close a role
///
/// Stops the role taking applications.
#[utoipa::path(
    post,
    path = "/api/v1/roles/{id}/close",
    tag = "roles",
    params(("id" = Uuid, Path, description = "The role's id")),
    responses(
        (status = 200, description = "The role, now closed", body = RoleView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such role in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "Someone else changed the role first", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn close_role(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<RoleId>,
) -> Result<Json<RoleView>, ApiError> {
    Ok(Json(state.app.close_role(&scope, id).await?.into()))
}
