//! A network's pages: the public list of networks and each network's page (what it is, and for
//! members who is in it and what it shares), its members and renewals for coordinators, the
//! member directory, the roles listed to it, and benchmarking for members' managers.

pub(crate) mod benchmark;
mod home;

pub(crate) use home::network_input;
mod members;

use app::networks::NetworkAccess;
use axum::Router;

use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(home::routes())
        .merge(members::routes())
        .merge(benchmark::routes())
}

/// What the viewer may do in the network named in the address.
pub(crate) async fn access(
    state: &AppState,
    user: Option<&SignedIn>,
    slug: &str,
) -> Result<NetworkAccess, WebError> {
    Ok(state
        .app
        .network_access(slug, user.map(|u| u.person.id))
        .await?)
}
