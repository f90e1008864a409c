//! A network resource's file over the API: downloaded by whoever may see the resource, and
//! uploaded (replacing its link or its old file) by its owner or a coordinator. The file is the
//! body itself, recognised by its content as uploads from the pages are.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use domain::FieldErrors;
use domain::ids::ResourceId;
use domain::network::resource::{MAX_RESOURCE_FILE_BYTES, ResourceInput};

use super::auth::ApiScope;
use super::expenses::file_name;
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use super::resources::NetworkResourceView;
use super::role_library::{network_access, path_id};
use crate::AppState;

/// The resource file routes.
pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/networks/{slug}/resources/{id}/file",
        get(resource_file).put(upload_resource_file),
    )
}

/// Download a resource's file
#[utoipa::path(
    get,
    path = "/api/v1/networks/{slug}/resources/{id}/file",
    tag = "networks",
    params(
        ("slug" = String, Path, description = "The network's short name"),
        ("id" = Uuid, Path, description = "The resource's id"),
    ),
    responses(
        (status = 200, description = "The file, with its media type", content_type = "application/octet-stream"),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such file, or it is for members and the token's person is not one", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn resource_file(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let access = network_access(&state, &scope, &slug).await?;
    let id: ResourceId = path_id(&id)?;
    let file = state.app.resource_file(&access, id).await?;
    Ok(crate::pages::library::file_response(id, file))
}

/// Upload a resource's file
///
/// Send the file itself as the body (not JSON, not a form): a PDF, DOCX, XLSX, PPTX or ODT of
/// at most 10 MB, recognised by its content; optionally
/// `Content-Disposition: attachment; filename="…"` for the name it is shown with. It replaces
/// the resource's link or its old file. Its owner or a coordinator.
#[utoipa::path(
    put,
    path = "/api/v1/networks/{slug}/resources/{id}/file",
    tag = "networks",
    params(
        ("slug" = String, Path, description = "The network's short name"),
        ("id" = Uuid, Path, description = "The resource's id"),
    ),
    request_body(description = "The file, at most 10 MB", content(("application/octet-stream"))),
    responses(
        (status = 200, description = "The resource, now a file", body = NetworkResourceView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's person may see it but not change it", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such resource the token's person may see", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "Someone else changed it first", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "The file is empty, larger than 10 MB or not an accepted kind (`file`); nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn upload_resource_file(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path((slug, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<NetworkResourceView>, ApiError> {
    let access = network_access(&state, &scope, &slug).await?;
    let id: ResourceId = path_id(&id)?;
    // Someone who may not see it learns nothing from what they sent.
    let current = state.app.resource(&access, id).await?.resource;
    let too_large = || FieldErrors::one("file", "The file must be 10 MB or smaller");
    let length = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<usize>().ok());
    if length.is_some_and(|n| n > MAX_RESOURCE_FILE_BYTES) {
        return Err(too_large().into());
    }
    let bytes = axum::body::to_bytes(body, MAX_RESOURCE_FILE_BYTES)
        .await
        .map_err(|_| too_large())?;
    let input = ResourceInput {
        link: String::new(),
        ..ResourceInput::from_resource(&current)
    };
    let upload = app::resources::FileUpload {
        file_name: file_name(&headers),
        bytes: bytes.to_vec(),
    };
    state
        .app
        .update_resource(&access, id, &input, Some(upload))
        .await?;
    Ok(Json(state.app.resource(&access, id).await?.into()))
}
