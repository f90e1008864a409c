//! Changing and withdrawing a role template: its publisher's managers and the network's
//! coordinators. Who may is decided in `app` (`App::changeable_template`).

use app::AppError;
use app::networks::NetworkAccess;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use domain::FieldErrors;
use domain::ids::RoleTemplateId;
use domain::network::Network;
use domain::network::role_template::TemplateChange;

use super::{access, id, to};
use crate::form::FormData;
use crate::layout::Layout;
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/networks/{slug}/roles/{id}/edit",
            get(edit_form).post(update),
        )
        .route("/networks/{slug}/roles/{id}/withdraw", post(withdraw))
}

#[derive(Template)]
#[template(path = "library/role_change.html")]
struct ChangePage {
    layout: Layout,
    network: Network,
    template_id: RoleTemplateId,
    input: TemplateChange,
}

fn change_page(
    user: &SignedIn,
    access: &NetworkAccess,
    template_id: RoleTemplateId,
    input: TemplateChange,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let layout = Layout::for_user("Change the template", Some(user)).with_errors(errors);
    let status = layout.status();
    let page = ChangePage {
        layout,
        network: access.network().clone(),
        template_id,
        input,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn edit_form(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, template)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let access = access(&state, Some(&user), &slug).await?;
    let template = state
        .app
        .changeable_template(&access, id(&template)?)
        .await?;
    let input = TemplateChange::from_template(&template);
    change_page(&user, &access, template.id, input, FieldErrors::new())
}

async fn update(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, template)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let template: RoleTemplateId = id(&template)?;
    let access = access(&state, Some(&user), &slug).await?;
    let input = TemplateChange {
        title: form.get("title"),
        summary: form.get("summary"),
        description: form.get("description"),
        activities: form.get("activities"),
        time_commitment: form.get("time_commitment"),
        minimum_age: form.get("minimum_age"),
        non_substitution_statement: form.get("non_substitution_statement"),
    };
    match state
        .app
        .change_role_template(&access, template, &input)
        .await
    {
        Ok(_) => Ok(to(format!("/networks/{slug}/roles/{template}"))),
        Err(AppError::Invalid(errors)) => change_page(&user, &access, template, input, errors),
        Err(e) => Err(e.into()),
    }
}

async fn withdraw(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, template)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    user.check_csrf(&FormData::parse(&body))?;
    let template: RoleTemplateId = id(&template)?;
    let access = access(&state, Some(&user), &slug).await?;
    state.app.withdraw_role_template(&access, template).await?;
    Ok(to(format!("/networks/{slug}/roles")))
}
