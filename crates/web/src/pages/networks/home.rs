//! The list of networks, a network's own page, its settings and its coordinators.

use app::AppError;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::network::{Network, NetworkInput, NetworkKind};
use domain::{FieldErrors, Labelled};

use super::access;
use crate::form::{Done, FormData, choices};
use crate::layout::Layout;
use crate::session::{MaybeSignedIn, SignedIn};
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/networks", get(list))
        .route("/networks/{slug}", get(show))
        .route("/networks/{slug}/edit", get(edit).post(save))
        .route("/networks/{slug}/coordinators", post(coordinators))
}

#[derive(Template)]
#[template(path = "network/list.html")]
struct ListPage {
    layout: Layout,
    networks: Vec<Network>,
}

/// A link to one of the network's shared things.
struct Link {
    href: String,
    text: String,
    hint: String,
}

#[derive(Template)]
#[template(path = "network/home.html")]
struct HomePage {
    layout: Layout,
    network: Network,
    kind: &'static str,
    member: bool,
    coordinators: Vec<String>,
    links: Vec<Link>,
    done: String,
}

#[derive(Template)]
#[template(path = "network/edit.html")]
struct EditPage {
    layout: Layout,
    slug: String,
    input: NetworkInput,
    kinds: Vec<(String, String)>,
}

async fn list(
    State(state): State<AppState>,
    MaybeSignedIn(user): MaybeSignedIn,
) -> Result<Response, WebError> {
    let page = ListPage {
        layout: Layout::for_user("Networks", user.as_ref()),
        networks: state.app.all_networks().await?,
    };
    Ok(Html(page.render()?).into_response())
}

async fn show(
    State(state): State<AppState>,
    MaybeSignedIn(user): MaybeSignedIn,
    Path(slug): Path<String>,
    Query(q): Query<Done>,
) -> Result<Response, WebError> {
    let access = access(&state, user.as_ref(), &slug).await?;
    let network = access.network().clone();
    let s = network.slug.to_string();
    let link = |path: &str, text: &str, hint: &str| Link {
        href: format!("/networks/{s}{path}"),
        text: text.into(),
        hint: hint.into(),
    };
    let mut links = vec![
        link(
            "/events",
            "Learning events",
            "Events, network days and training",
        ),
        link(
            "/resources",
            "Resources",
            "Guides, policies, case studies and templates",
        ),
        link(
            "/opportunities",
            "Volunteering opportunities",
            "Roles members have shared with the network",
        ),
    ];
    let mut coordinators = Vec::new();
    if access.is_member() {
        links.push(link(
            "/roles",
            "Role library",
            "Role templates to copy and adapt",
        ));
        links.push(link(
            "/directory",
            "Member directory",
            "Members who chose to be listed",
        ));
        coordinators = state
            .app
            .coordinators(&access)
            .await?
            .iter()
            .map(|p| p.full_name())
            .collect();
    }
    if !access.managed_members().is_empty() {
        links.push(link(
            "/benchmarks",
            "Benchmarking",
            "Your figures beside the network's",
        ));
    }
    if access.is_coordinator() {
        links.push(link(
            "/members",
            "Members and renewals",
            "Add members, record renewals",
        ));
        links.push(link(
            "/edit",
            "Network settings",
            "Name, description, coordinators",
        ));
    }
    let page = HomePage {
        layout: Layout::for_user(&network.name, user.as_ref()),
        kind: network.kind.label(),
        member: access.is_member(),
        network,
        coordinators,
        links,
        done: q.done,
    };
    Ok(Html(page.render()?).into_response())
}

async fn render_edit(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    input: Option<NetworkInput>,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let access = access(state, Some(user), slug).await?;
    if !access.is_coordinator() {
        return Err(AppError::NotFound.into());
    }
    let layout = Layout::for_user("Network settings", Some(user)).with_errors(errors);
    let status = layout.status();
    let page = EditPage {
        layout,
        slug: access.network().slug.to_string(),
        input: input.unwrap_or_else(|| NetworkInput::from_network(access.network())),
        kinds: choices::<NetworkKind>(),
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn edit(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    render_edit(&state, &user, &slug, None, FieldErrors::new()).await
}

/// The network form's fields.
pub(crate) fn network_input(form: &FormData) -> NetworkInput {
    NetworkInput {
        name: form.get("name"),
        slug: form.get("slug"),
        kind: form.get("kind"),
        description: form.get("description"),
        contact_email: form.get("contact_email"),
    }
}

async fn save(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let access = access(&state, Some(&user), &slug).await?;
    let input = network_input(&form);
    match state.app.update_network(&access, &input).await {
        Ok(n) => Ok(Redirect::to(&format!("/networks/{}?done=saved", n.slug)).into_response()),
        Err(AppError::Invalid(errors)) => {
            render_edit(&state, &user, &slug, Some(input), errors).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn coordinators(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let access = access(&state, Some(&user), &slug).await?;
    let on = form.get("action") != "remove";
    match state
        .app
        .set_coordinator(&access, &form.get("email"), on)
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/networks/{slug}?done=coordinators")).into_response()),
        Err(AppError::Invalid(errors)) => render_edit(&state, &user, &slug, None, errors).await,
        Err(e) => Err(e.into()),
    }
}
