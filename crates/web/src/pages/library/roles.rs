//! The role library: members browse a network's templates and copy one into an organisation
//! they manage, as a draft role to adapt.

use app::AppError;
use app::ports::TemplateWithUses;
use app::role_library::TemplateView;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use domain::FieldErrors;
use domain::ids::RoleTemplateId;
use domain::network::Network;
use domain::organisation::Organisation;

use super::{access, id, to};
use crate::form::FormData;
use crate::layout::{Layout, nhs_day};
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/networks/{slug}/roles", get(list))
        .route("/networks/{slug}/roles/{id}", get(show))
        .route("/networks/{slug}/roles/{id}/copy", post(copy))
}

#[derive(Template)]
#[template(path = "library/roles.html")]
struct ListPage {
    layout: Layout,
    network: Network,
    templates: Vec<TemplateWithUses>,
}

async fn list(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
) -> Result<Html<String>, WebError> {
    let access = access(&state, Some(&user), &slug).await?;
    let templates = state.app.role_library(&access).await?;
    let network = access.network().clone();
    Ok(Html(
        ListPage {
            layout: Layout::for_user(&format!("Role library: {}", network.name), Some(&user)),
            network,
            templates,
        }
        .render()?,
    ))
}

#[derive(Template)]
#[template(path = "library/role.html")]
struct ShowPage {
    layout: Layout,
    network: Network,
    view: TemplateView,
    published: String,
    organisations: Vec<Organisation>,
}

async fn show_page(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    template: RoleTemplateId,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let access = access(state, Some(user), slug).await?;
    let view = state.app.role_template(&access, template).await?;
    let organisations = state.app.managed_organisations(&access).await?;
    let layout = Layout::for_user(&view.template.title, Some(user)).with_errors(errors);
    let status = layout.status();
    let page = ShowPage {
        layout,
        network: access.network().clone(),
        published: nhs_day(&view.template.published_at),
        view,
        organisations,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, template)): Path<(String, String)>,
) -> Result<Response, WebError> {
    show_page(&state, &user, &slug, id(&template)?, FieldErrors::new()).await
}

/// Copies the template into the organisation chosen (by slug) and opens the new role's form.
async fn copy(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, template)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let template: RoleTemplateId = id(&template)?;
    let access = access(&state, Some(&user), &slug).await?;
    let org = form.get("organisation");
    if org.trim().is_empty() {
        let errors = FieldErrors::one("organisation", "Select the organisation to copy it to");
        return show_page(&state, &user, &slug, template, errors).await;
    }
    let scope = state.app.authorise(user.person.id, &org).await?;
    match state
        .app
        .copy_role_template(&access, &scope, template)
        .await
    {
        Ok(copied) => Ok(to(format!(
            "/manage/{}/roles/{}/edit",
            scope.organisation().slug,
            copied.role.id
        ))),
        Err(AppError::Invalid(errors)) => show_page(&state, &user, &slug, template, errors).await,
        Err(e) => Err(e.into()),
    }
}
