//! The organisation's own details, which its admins keep up to date.

use app::AppError;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use domain::FieldErrors;
use domain::organisation::{OrganisationInput, OrganisationKind, Sector};
use domain::staff::Capability;

use super::{scope, to};
use crate::form::FormData;
use crate::layout::Layout;
use crate::pages::options;
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new().route("/manage/{org}/organisation", get(form).post(update))
}

#[derive(Template)]
#[template(path = "manage/organisation.html")]
struct FormPage {
    layout: Layout,
    slug: String,
    input: OrganisationInput,
    sectors: Vec<(&'static str, &'static str)>,
    kinds: Vec<(&'static str, &'static str)>,
}

async fn page(
    state: &AppState,
    user: &SignedIn,
    org: &str,
    input: Option<OrganisationInput>,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let scope = scope(state, user, org).await?;
    if !scope.can(Capability::Administer) {
        return Err(AppError::Forbidden.into());
    }
    let input = input.unwrap_or_else(|| OrganisationInput::from_organisation(scope.organisation()));
    let layout = Layout::for_org("Organisation details", user, &scope).with_errors(errors);
    let status = layout.status();
    let page = FormPage {
        layout,
        slug: org.to_owned(),
        input,
        sectors: options::<Sector>(),
        kinds: options::<OrganisationKind>(),
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn form(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
) -> Result<Response, WebError> {
    page(&state, &user, &org, None, FieldErrors::new()).await
}

async fn update(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &org).await?;
    let input = OrganisationInput {
        name: form.get("name"),
        slug: form.get("slug"),
        sector: form.get("sector"),
        kind: form.get("kind"),
        ods_code: form.get("ods_code"),
        charity_number: form.get("charity_number"),
        address: form.get("address"),
        postcode: form.get("postcode"),
    };
    match state.app.update_organisation(&scope, &input).await {
        Ok(updated) => Ok(to(format!("/manage/{}", updated.slug))),
        Err(AppError::Invalid(errors)) => page(&state, &user, &org, Some(input), errors).await,
        Err(e) => Err(e.into()),
    }
}
