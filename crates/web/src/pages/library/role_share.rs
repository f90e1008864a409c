//! From the organisation's side: a manager shares one of its roles with a network it belongs
//! to, as a template in that network's role library.

use app::AppError;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use domain::FieldErrors;
use domain::ids::RoleId;
use domain::network::Network;
use domain::role::Role;

use super::{access, id, to};
use crate::form::FormData;
use crate::layout::Layout;
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new().route("/manage/{org}/roles/{id}/share", get(form).post(share))
}

#[derive(Template)]
#[template(path = "library/share.html")]
struct SharePage {
    layout: Layout,
    slug: String,
    role: Role,
    networks: Vec<Network>,
    chosen: String,
}

async fn page(
    state: &AppState,
    user: &SignedIn,
    org: &str,
    role: RoleId,
    chosen: String,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let scope = state.app.authorise(user.person.id, org).await?;
    let role = state.app.role(&scope, role).await?;
    let networks = state.app.networks_of_organisation(&scope).await?;
    let layout = Layout::for_org("Share the role with a network", user, &scope).with_errors(errors);
    let status = layout.status();
    let page = SharePage {
        layout,
        slug: org.to_owned(),
        role,
        networks,
        chosen,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn form(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, role)): Path<(String, String)>,
) -> Result<Response, WebError> {
    page(
        &state,
        &user,
        &org,
        id(&role)?,
        String::new(),
        FieldErrors::new(),
    )
    .await
}

async fn share(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, role)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let role: RoleId = id(&role)?;
    let scope = state.app.authorise(user.person.id, &org).await?;
    let network = form.get("network");
    if network.trim().is_empty() {
        let errors = FieldErrors::one("network", "Select the network to share it with");
        return page(&state, &user, &org, role, network, errors).await;
    }
    let access = match access(&state, Some(&user), &network).await {
        Ok(a) => a,
        Err(_) => {
            let errors = FieldErrors::one("network", "Select one of your networks from the list");
            return page(&state, &user, &org, role, network, errors).await;
        }
    };
    match state.app.publish_role_template(&access, &scope, role).await {
        Ok(template) => Ok(to(format!(
            "/networks/{}/roles/{}",
            access.network().slug,
            template.id
        ))),
        Err(AppError::Invalid(errors)) => page(&state, &user, &org, role, network, errors).await,
        Err(e) => Err(e.into()),
    }
}
