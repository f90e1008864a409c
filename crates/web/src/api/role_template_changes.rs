//! Changing and withdrawing a role template through the API: its publisher's managers and the
//! network's coordinators, acting as the token's person.

use app::ports::TemplateWithUses;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use domain::ids::RoleTemplateId;
use domain::network::role_template::TemplateChange;
use serde::Deserialize;
use utoipa::ToSchema;

use super::auth::ApiScope;
use super::input::{json, text};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use super::role_library::{RoleTemplateView, network_access, path_id};
use crate::AppState;

/// A template's new words and minimum age (what it needs comes from the role it was shared
/// from: share the role again to change that).
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct TemplateChangeBody {
    /// Title.
    #[serde(default, deserialize_with = "text")]
    pub title: String,
    /// One-line summary.
    #[serde(default, deserialize_with = "text")]
    pub summary: String,
    /// What the volunteer does.
    #[serde(default, deserialize_with = "text")]
    pub description: String,
    /// Activities.
    #[serde(default, deserialize_with = "text")]
    pub activities: String,
    /// Time commitment in plain words.
    #[serde(default, deserialize_with = "text")]
    pub time_commitment: String,
    /// 16 or 18.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = u32)]
    pub minimum_age: String,
    /// How it complements, and does not replace, paid staff.
    #[serde(default, deserialize_with = "text")]
    pub non_substitution_statement: String,
}

/// Change a role template
///
/// For managers of the organisation that shared it and the network's coordinators. Roles
/// already copied from it are not changed.
#[utoipa::path(
    put,
    path = "/api/v1/networks/{slug}/role-templates/{id}",
    tag = "networks",
    params(
        ("slug" = String, Path, description = "The network's short name"),
        ("id" = Uuid, Path, description = "The template's id"),
    ),
    request_body = TemplateChangeBody,
    responses(
        (status = 200, description = "The changed template", body = RoleTemplateView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "A member who did not share it and does not coordinate", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such template, or the token's person is not a member", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "Someone else changed it meanwhile", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "A field is missing or wrong; each is named", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn change_role_template(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path((slug, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<RoleTemplateView>, ApiError> {
    // Who may see the template is settled before the body is read, so an outsider learns
    // nothing from a malformed body's reply.
    let access = network_access(&state, &scope, &slug).await?;
    let id: RoleTemplateId = path_id(&id)?;
    state.app.changeable_template(&access, id).await?;
    let body = json::<TemplateChangeBody>(&body)?;
    let change = TemplateChange {
        title: body.title,
        summary: body.summary,
        description: body.description,
        activities: body.activities,
        time_commitment: body.time_commitment,
        minimum_age: body.minimum_age,
        non_substitution_statement: body.non_substitution_statement,
    };
    let template = state.app.change_role_template(&access, id, &change).await?;
    let uses = state.app.role_template(&access, template.id).await?;
    Ok(Json(
        TemplateWithUses {
            template,
            organisations_using: uses.organisations_using,
        }
        .into(),
    ))
}

/// Withdraw a role template
///
/// Takes it out of the library; roles already copied from it keep their link to it.
#[utoipa::path(
    post,
    path = "/api/v1/networks/{slug}/role-templates/{id}/withdraw",
    tag = "networks",
    params(
        ("slug" = String, Path, description = "The network's short name"),
        ("id" = Uuid, Path, description = "The template's id"),
    ),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "A member who did not share it and does not coordinate", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such template (or already withdrawn), or the token's person is not a member", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn withdraw_role_template(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path((slug, id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let access = network_access(&state, &scope, &slug).await?;
    let id: RoleTemplateId = path_id(&id)?;
    state.app.withdraw_role_template(&access, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
