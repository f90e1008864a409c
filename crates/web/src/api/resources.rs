//! A network's resource library, for the token's person: search it and read a resource or its
//! file (members see everything, anyone else only what is public), and add, change or withdraw
//! a resource (coordinators and members' managers; the owner or a coordinator to change). A
//! resource is added as a link; its file is sent to `…/file` (`resource_files`).

use app::ports::ResourceSearch;
use app::resources::ResourceView;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, NaiveDate, Utc};
use domain::Labelled;
use domain::ids::ResourceId;
use domain::network::Audience;
use domain::network::resource::{Location, Owner, ResourceInput, ResourceKind};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::ApiScope;
use super::input::{json, query_code, query_value, text};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use super::role_library::{network_access, path_id};
use super::views::code_schemas;
use crate::AppState;

code_schemas!(
    /// The codes of [`ResourceKind`].
    ResourceKindCode: ResourceKind = "What sort of resource it is.",
    /// The codes of [`Audience`].
    AudienceCode: Audience = "Who may see it: the network's members, or everyone.",
);

/// The resource library routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/networks/{slug}/resources",
            get(list_resources).post(add_resource),
        )
        .route(
            "/networks/{slug}/resources/{id}",
            get(get_resource).put(update_resource),
        )
        .route(
            "/networks/{slug}/resources/{id}/withdraw",
            post(withdraw_resource),
        )
}

/// A resource's file.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ResourceFileView {
    /// The name it was uploaded with.
    pub file_name: String,
    /// Its media type.
    pub content_type: String,
    /// Its size in bytes.
    pub size: u32,
}

/// A resource in a network's library.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NetworkResourceView {
    /// Identifier.
    pub id: Uuid,
    /// Title.
    pub title: String,
    /// What it is and who it helps.
    pub summary: String,
    /// What sort of resource.
    #[schema(value_type = ResourceKindCode)]
    pub kind: String,
    /// Who may see it.
    #[schema(value_type = AudienceCode)]
    pub audience: String,
    /// Tags, lower case.
    pub tags: Vec<String>,
    /// Who looks after it, by name.
    pub owner_name: String,
    /// The owning member organisation, when an organisation owns it.
    pub owner_organisation_id: Option<Uuid>,
    /// When someone should check it is still right.
    pub review_on: NaiveDate,
    /// Whether its review is overdue (told only to its owner and coordinators).
    pub review_overdue: bool,
    /// Whether the token's person may change or withdraw it.
    pub can_edit: bool,
    /// The link, when it is one.
    pub link: Option<String>,
    /// The file, when it is one (download it from `…/file`).
    pub file: Option<ResourceFileView>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

impl From<ResourceView> for NetworkResourceView {
    fn from(v: ResourceView) -> Self {
        let r = v.resource;
        let (link, file) = match r.location {
            Location::Link { url } => (Some(url), None),
            Location::File(f) => (
                None,
                Some(ResourceFileView {
                    file_name: f.file_name,
                    content_type: f.kind.code().into(),
                    size: f.size,
                }),
            ),
        };
        Self {
            id: r.id.0,
            title: r.title,
            summary: r.summary,
            kind: r.kind.code().into(),
            audience: r.audience.code().into(),
            tags: r.tags,
            owner_organisation_id: r.owner.organisation_id().map(|o| o.0),
            owner_name: r.owner.name().to_owned(),
            review_on: r.review_on,
            review_overdue: v.review_overdue,
            can_edit: v.can_edit,
            link,
            file,
            updated_at: r.updated_at,
        }
    }
}

/// A resource as sent to add or change one (a link; files are added from the web pages).
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ResourceBody {
    /// Title; up to 200 characters.
    #[serde(default, deserialize_with = "text")]
    pub title: String,
    /// What it is and who it helps; up to 2,000 characters.
    #[serde(default, deserialize_with = "text")]
    pub summary: String,
    /// What sort of resource.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = ResourceKindCode)]
    pub kind: String,
    /// Who may see it.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = AudienceCode)]
    pub audience: String,
    /// Tags (up to 10, each up to 40 characters).
    #[serde(default)]
    pub tags: Vec<String>,
    /// Who looks after it: `organisation` (the token's organisation, the default) or `person`
    /// (the token's person).
    #[serde(default, deserialize_with = "text")]
    pub owner: String,
    /// When someone should check it is still right, e.g. `2027-03-05`.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = NaiveDate)]
    pub review_on: String,
    /// An `https` link (needed unless the resource already has a file).
    #[serde(default, deserialize_with = "text")]
    pub link: String,
}

impl ResourceBody {
    /// The domain input; with no owner named, a change keeps `current` and a new resource is
    /// the token's organisation's.
    fn into_input(self, scope: &app::OrgScope, current: Option<&Owner>) -> ResourceInput {
        let owner = match (self.owner.trim(), scope.actor().person_id(), current) {
            ("", _, Some(current)) => current.code(),
            ("person", Some(p), _) => Owner::Person {
                person_id: p,
                name: String::new(),
            }
            .code(),
            ("" | "organisation", _, _) => Owner::Organisation {
                organisation_id: scope.organisation_id(),
                name: String::new(),
            }
            .code(),
            (other, _, _) => other.to_owned(),
        };
        ResourceInput {
            title: self.title,
            summary: self.summary,
            kind: self.kind,
            audience: self.audience,
            tags: self.tags.join(","),
            owner,
            review_on: self.review_on,
            link: self.link,
        }
    }
}

/// Search a network's resources
///
/// Members see everything; anyone else only resources shared with everyone.
#[utoipa::path(
    get,
    path = "/api/v1/networks/{slug}/resources",
    tag = "networks",
    params(
        ("slug" = String, Path, description = "The network's short name"),
        ("q" = Option<String>, Query, description = "Words to find in the title, summary or tags"),
        ("tag" = Option<String>, Query, description = "Only resources with this tag"),
        ("kind" = Option<ResourceKindCode>, Query, description = "Only resources of this kind"),
    ),
    responses(
        (status = 200, description = "The resources found, by title", body = Vec<NetworkResourceView>),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such network", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "The kind is not one of the codes", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn list_resources(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<Vec<NetworkResourceView>>, ApiError> {
    let raw = query.unwrap_or_default();
    let mut errors = domain::FieldErrors::new();
    let kind = query_code::<ResourceKind>(&raw, "kind", &mut errors);
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let search = ResourceSearch {
        text: query_value(&raw, "q").unwrap_or_default(),
        tag: query_value(&raw, "tag"),
        kind,
        // The app narrows this to public resources for anyone who is not a member.
        public_only: false,
    };
    let access = network_access(&state, &scope, &slug).await?;
    let found = state.app.search_resources(&access, &search).await?;
    Ok(Json(found.into_iter().map(Into::into).collect()))
}

/// Get one resource
#[utoipa::path(
    get,
    path = "/api/v1/networks/{slug}/resources/{id}",
    tag = "networks",
    params(
        ("slug" = String, Path, description = "The network's short name"),
        ("id" = Uuid, Path, description = "The resource's id"),
    ),
    responses(
        (status = 200, description = "The resource", body = NetworkResourceView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such resource, or it is for members and the token's person is not one", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn get_resource(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Json<NetworkResourceView>, ApiError> {
    let access = network_access(&state, &scope, &slug).await?;
    let id: ResourceId = path_id(&id)?;
    Ok(Json(state.app.resource(&access, id).await?.into()))
}

/// Add a resource (a link)
#[utoipa::path(
    post,
    path = "/api/v1/networks/{slug}/resources",
    tag = "networks",
    params(("slug" = String, Path, description = "The network's short name")),
    request_body = ResourceBody,
    responses(
        (status = 201, description = "The new resource", body = NetworkResourceView,
            headers(("location" = String, description = "The resource's address"))),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "Members who neither coordinate nor manage a member organisation may not add", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such network, or the token's person is not a member", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn add_resource(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let input = json::<ResourceBody>(&body)?.into_input(&scope, None);
    let access = network_access(&state, &scope, &slug).await?;
    let resource = state.app.add_resource(&access, &input, None).await?;
    let view = state.app.resource(&access, resource.id).await?;
    let location = format!(
        "/api/v1/networks/{}/resources/{}",
        access.network().slug,
        resource.id
    );
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(NetworkResourceView::from(view)),
    )
        .into_response())
}

/// Change a resource
///
/// Its owner or a coordinator. A resource with a file keeps it unless a link is given.
#[utoipa::path(
    put,
    path = "/api/v1/networks/{slug}/resources/{id}",
    tag = "networks",
    params(
        ("slug" = String, Path, description = "The network's short name"),
        ("id" = Uuid, Path, description = "The resource's id"),
    ),
    request_body = ResourceBody,
    responses(
        (status = 200, description = "The changed resource", body = NetworkResourceView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's person may see it but not change it", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such resource the token's person may see", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "Someone else changed it first", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn update_resource(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path((slug, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<NetworkResourceView>, ApiError> {
    let id: ResourceId = path_id(&id)?;
    let body = json::<ResourceBody>(&body)?;
    let access = network_access(&state, &scope, &slug).await?;
    let current = state.app.resource(&access, id).await?.resource;
    let input = body.into_input(&scope, Some(&current.owner));
    state.app.update_resource(&access, id, &input, None).await?;
    Ok(Json(state.app.resource(&access, id).await?.into()))
}

/// Withdraw a resource
///
/// Its owner or a coordinator. It is kept, but no longer shown or downloaded.
#[utoipa::path(
    post,
    path = "/api/v1/networks/{slug}/resources/{id}/withdraw",
    tag = "networks",
    params(
        ("slug" = String, Path, description = "The network's short name"),
        ("id" = Uuid, Path, description = "The resource's id"),
    ),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's person may see it but not change it", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such resource the token's person may see", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn withdraw_resource(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path((slug, id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let access = network_access(&state, &scope, &slug).await?;
    let id: ResourceId = path_id(&id)?;
    state.app.withdraw_resource(&access, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
