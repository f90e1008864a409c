//! Sites: list, add and change.

use app::AppError;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use domain::FieldErrors;
use domain::Labelled;
use domain::ids::SiteId;
use domain::site::{Site, SiteInput, SiteKind};

use super::{id, managing_scope, scope, to};
use crate::form::FormData;
use crate::layout::Layout;
use crate::pages::options;
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/sites", get(list))
        .route("/manage/{org}/sites/new", get(new_form).post(create))
        .route("/manage/{org}/sites/{id}/edit", get(edit_form).post(update))
}

#[derive(Template)]
#[template(path = "manage/sites.html")]
struct ListPage {
    layout: Layout,
    slug: String,
    sites: Vec<Site>,
}

async fn list(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
) -> Result<Html<String>, WebError> {
    let scope = scope(&state, &user, &org).await?;
    let sites = state.app.sites(&scope).await?;
    Ok(Html(
        ListPage {
            layout: Layout::for_org("Sites", &user, &scope),
            slug: org,
            sites,
        }
        .render()?,
    ))
}

#[derive(Template)]
#[template(path = "manage/site_form.html")]
struct FormPage {
    layout: Layout,
    action: String,
    input: SiteInput,
    kinds: Vec<(&'static str, &'static str)>,
}

async fn form_page(
    state: &AppState,
    user: &SignedIn,
    org: &str,
    title: &str,
    action: String,
    input: SiteInput,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let scope = scope(state, user, org).await?;
    let layout = Layout::for_org(title, user, &scope).with_errors(errors);
    let status = layout.status();
    Ok((
        status,
        Html(
            FormPage {
                layout,
                action,
                input,
                kinds: options::<SiteKind>(),
            }
            .render()?,
        ),
    )
        .into_response())
}

fn site_input(form: &FormData) -> SiteInput {
    SiteInput {
        name: form.get("name"),
        kind: form.get("kind"),
        postcode: form.get("postcode"),
    }
}

async fn new_form(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
) -> Result<Response, WebError> {
    managing_scope(&state, &user, &org).await?;
    let action = format!("/manage/{org}/sites/new");
    form_page(
        &state,
        &user,
        &org,
        "Add a site",
        action,
        SiteInput::default(),
        FieldErrors::new(),
    )
    .await
}

async fn create(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &org).await?;
    let input = site_input(&form);
    match state.app.create_site(&scope, &input).await {
        Ok(_) => Ok(to(format!("/manage/{org}/sites"))),
        Err(AppError::Invalid(errors)) => {
            form_page(
                &state,
                &user,
                &org,
                "Add a site",
                format!("/manage/{org}/sites/new"),
                input,
                errors,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn edit_form(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, site)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let scope = managing_scope(&state, &user, &org).await?;
    let site = state.app.site(&scope, id(&site)?).await?;
    let input = SiteInput {
        name: site.name.clone(),
        kind: site.kind.code().into(),
        postcode: site.postcode.map(|p| p.to_string()).unwrap_or_default(),
    };
    form_page(
        &state,
        &user,
        &org,
        "Change the site",
        format!("/manage/{org}/sites/{}/edit", site.id),
        input,
        FieldErrors::new(),
    )
    .await
}

async fn update(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, site)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let site_id: SiteId = id(&site)?;
    let scope = scope(&state, &user, &org).await?;
    let input = site_input(&form);
    match state.app.update_site(&scope, site_id, &input).await {
        Ok(_) => Ok(to(format!("/manage/{org}/sites"))),
        Err(AppError::Invalid(errors)) => {
            form_page(
                &state,
                &user,
                &org,
                "Change the site",
                format!("/manage/{org}/sites/{site_id}/edit"),
                input,
                errors,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
