//! A network's shared role library, for the token's person: browse the templates (members
//! only), publish one of the token's organisation's roles as a template, and copy a template
//! into the token's organisation as a draft role.

use app::OrgScope;
use app::networks::NetworkAccess;
use app::ports::TemplateWithUses;
use app::role_library::TemplateView;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use domain::Labelled;
use domain::ids::{RoleId, RoleTemplateId};
use domain::network::role_template::{RoleTemplate, TemplateIndicator};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::ApiScope;
use super::input::{json, text};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use super::views::{DbsLevelCode, RoleView, SettingCode};
use crate::AppState;

/// The role library routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/networks/{slug}/role-templates",
            get(list_role_templates).post(publish_role_template),
        )
        .route(
            "/networks/{slug}/role-templates/{id}",
            get(get_role_template).put(super::role_template_changes::change_role_template),
        )
        .route(
            "/networks/{slug}/role-templates/{id}/withdraw",
            post(super::role_template_changes::withdraw_role_template),
        )
        .route(
            "/networks/{slug}/role-templates/{id}/copy",
            post(copy_role_template),
        )
}

/// What the token's person may do in the network: the API acts as them.
pub(crate) async fn network_access(
    state: &AppState,
    scope: &OrgScope,
    slug: &str,
) -> Result<NetworkAccess, ApiError> {
    Ok(state
        .app
        .network_access(slug, scope.actor().person_id())
        .await?)
}

/// Parses an id from the URL; a malformed one is simply not found.
pub(crate) fn path_id<T: std::str::FromStr>(raw: &str) -> Result<T, ApiError> {
    raw.trim()
        .parse()
        .map_err(|_| app::AppError::NotFound.into())
}

/// An outcome indicator a template counts.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TemplateIndicatorView {
    /// What is counted.
    pub name: String,
    /// The unit.
    pub unit: String,
    /// Minutes of staff time each one releases, when counted.
    pub minutes_each: Option<u16>,
}

impl From<&TemplateIndicator> for TemplateIndicatorView {
    fn from(i: &TemplateIndicator) -> Self {
        Self {
            name: i.name.clone(),
            unit: i.unit.clone(),
            minutes_each: i.minutes_each,
        }
    }
}

/// A role template in a network's library.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RoleTemplateView {
    /// Identifier.
    pub id: Uuid,
    /// Title.
    pub title: String,
    /// One-line summary.
    pub summary: String,
    /// What the volunteer does.
    pub description: String,
    /// Where the role is done.
    #[schema(value_type = SettingCode)]
    pub setting: String,
    /// Activities.
    pub activities: String,
    /// Time commitment in plain words.
    pub time_commitment: String,
    /// Youngest age at which someone can take the role.
    pub minimum_age: u32,
    /// The DBS check it needs.
    #[schema(value_type = DbsLevelCode)]
    pub dbs_level: String,
    /// Workforce for an enhanced DBS check, if any.
    pub dbs_workforce: Option<String>,
    /// How many references are needed.
    pub references_required: u32,
    /// Other checks and training, as catalogue codes every organisation's standard list shares.
    pub requirement_codes: Vec<String>,
    /// The same, by name (only on a single template).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requirements: Option<Vec<String>>,
    /// How it complements, and does not replace, paid staff.
    pub non_substitution_statement: String,
    /// The outcomes it counts.
    pub indicators: Vec<TemplateIndicatorView>,
    /// Where it came from ("St Clare's Hospice", "NHS roles (standards §4.1)").
    pub source_name: String,
    /// When it was published.
    pub published_at: DateTime<Utc>,
    /// How many member organisations have copied it (absent right after publishing).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisations_using: Option<u32>,
}

impl From<RoleTemplate> for RoleTemplateView {
    fn from(t: RoleTemplate) -> Self {
        Self {
            id: t.id.0,
            title: t.title,
            summary: t.summary,
            description: t.description,
            setting: t.setting.code().into(),
            activities: t.activities,
            time_commitment: t.time_commitment,
            minimum_age: t.minimum_age,
            dbs_level: t.dbs_level.code().into(),
            dbs_workforce: t.dbs_workforce.map(|w| w.code().into()),
            references_required: t.references_required,
            requirement_codes: t.requirement_codes,
            requirements: None,
            non_substitution_statement: t.non_substitution_statement,
            indicators: t
                .indicators
                .iter()
                .map(TemplateIndicatorView::from)
                .collect(),
            source_name: t.source_name,
            published_at: t.published_at,
            organisations_using: None,
        }
    }
}

impl From<TemplateWithUses> for RoleTemplateView {
    fn from(t: TemplateWithUses) -> Self {
        Self {
            organisations_using: Some(t.organisations_using),
            ..t.template.into()
        }
    }
}

impl From<TemplateView> for RoleTemplateView {
    fn from(v: TemplateView) -> Self {
        Self {
            organisations_using: Some(v.organisations_using),
            requirements: Some(v.requirements),
            ..v.template.into()
        }
    }
}

/// Which role to publish.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct PublishBody {
    /// The id of one of the token's organisation's roles.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Uuid)]
    pub role_id: String,
}

/// A role copied from a template.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CopiedRoleView {
    /// The new draft role.
    pub role: RoleView,
    /// Checks and training the template needs that the organisation's catalogue lacks, by name;
    /// they were left off the role.
    pub missing: Vec<String>,
}

/// List a network's role templates
///
/// Members only: the token's person must take part in the network.
#[utoipa::path(
    get,
    path = "/api/v1/networks/{slug}/role-templates",
    tag = "networks",
    params(("slug" = String, Path, description = "The network's short name")),
    responses(
        (status = 200, description = "The library's templates, by title", body = Vec<RoleTemplateView>),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such network, or the token's person is not a member", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn list_role_templates(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path(slug): Path<String>,
) -> Result<Json<Vec<RoleTemplateView>>, ApiError> {
    let access = network_access(&state, &scope, &slug).await?;
    let templates = state.app.role_library(&access).await?;
    Ok(Json(templates.into_iter().map(Into::into).collect()))
}

/// Get one role template
#[utoipa::path(
    get,
    path = "/api/v1/networks/{slug}/role-templates/{id}",
    tag = "networks",
    params(
        ("slug" = String, Path, description = "The network's short name"),
        ("id" = Uuid, Path, description = "The template's id"),
    ),
    responses(
        (status = 200, description = "The template, with its requirements by name and how many members use it", body = RoleTemplateView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such template, or the token's person is not a member", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn get_role_template(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Json<RoleTemplateView>, ApiError> {
    let access = network_access(&state, &scope, &slug).await?;
    let id: RoleTemplateId = path_id(&id)?;
    Ok(Json(state.app.role_template(&access, id).await?.into()))
}

/// Publish a role to a network's library
///
/// Shares one of the token's organisation's roles (which must say how it complements paid
/// staff) with its requirements and outcome indicators. The organisation must be a current
/// member and the token's person one of its managers.
#[utoipa::path(
    post,
    path = "/api/v1/networks/{slug}/role-templates",
    tag = "networks",
    params(("slug" = String, Path, description = "The network's short name")),
    request_body = PublishBody,
    responses(
        (status = 201, description = "The new template", body = RoleTemplateView,
            headers(("location" = String, description = "The template's address"))),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such network or role, or the organisation is not a member", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "The role says nothing of how it complements paid staff", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn publish_role_template(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let body = json::<PublishBody>(&body)?;
    let access = network_access(&state, &scope, &slug).await?;
    let role: RoleId = body.role_id.trim().parse().map_err(|_| {
        domain::FieldErrors::one("role_id", "Give the id of one of your organisation's roles")
    })?;
    let template = state
        .app
        .publish_role_template(&access, &scope, role)
        .await?;
    let location = format!(
        "/api/v1/networks/{}/role-templates/{}",
        access.network().slug,
        template.id
    );
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(RoleTemplateView::from(template)),
    )
        .into_response())
}

/// Copy a template into the token's organisation
///
/// Makes a draft role from the template, with its outcome indicators, checked as any new role
/// is; requirements the organisation's catalogue lacks are left off and named in `missing`.
#[utoipa::path(
    post,
    path = "/api/v1/networks/{slug}/role-templates/{id}/copy",
    tag = "networks",
    params(
        ("slug" = String, Path, description = "The network's short name"),
        ("id" = Uuid, Path, description = "The template's id"),
    ),
    responses(
        (status = 201, description = "The new draft role and what was left off", body = CopiedRoleView,
            headers(("location" = String, description = "The new role's address"))),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such template, or the organisation is not a member", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn copy_role_template(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let access = network_access(&state, &scope, &slug).await?;
    let id: RoleTemplateId = path_id(&id)?;
    let copied = state.app.copy_role_template(&access, &scope, id).await?;
    let location = format!("/api/v1/roles/{}", copied.role.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(CopiedRoleView {
            role: copied.role.into(),
            missing: copied.missing,
        }),
    )
        .into_response())
}
