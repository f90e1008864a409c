//! A network's shared libraries: the role library (templates members copy into their own
//! organisation) at `/networks/{slug}/roles`, and the resource library (guides, policies, case
//! studies, templates, recordings) at `/networks/{slug}/resources`. Who sees what is decided in
//! `app` from the viewer's `NetworkAccess`.

mod resource_forms;
pub(crate) mod resources;
mod role_changes;
mod role_share;
mod roles;
mod upload;

pub(crate) use resources::file_response;

use app::networks::NetworkAccess;
use axum::Router;

use crate::session::SignedIn;
use crate::{AppState, WebError};

/// The library routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(roles::routes())
        .merge(role_changes::routes())
        .merge(role_share::routes())
        .merge(resources::routes())
        .merge(resource_forms::routes())
}

/// What the viewer (signed in or not) may do in the network in the URL.
async fn access(
    state: &AppState,
    user: Option<&SignedIn>,
    slug: &str,
) -> Result<NetworkAccess, WebError> {
    Ok(state
        .app
        .network_access(slug, user.map(|u| u.person.id))
        .await?)
}

/// Parses an id from the URL; a malformed one is simply not found.
fn id<T: std::str::FromStr>(raw: &str) -> Result<T, WebError> {
    raw.parse().map_err(|_| app::AppError::NotFound.into())
}

/// A "see other" redirect after a successful form.
fn to(path: String) -> axum::response::Response {
    axum::response::IntoResponse::into_response(axum::response::Redirect::to(&path))
}
