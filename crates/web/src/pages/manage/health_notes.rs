//! A service user's health notes: special-category data, shown only to staff who need it, and
//! every time it is shown an audit entry is written.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use domain::FieldErrors;
use domain::staff::Capability;

use super::{id, scope, to};
use crate::form::FormData;
use crate::layout::Layout;
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/manage/{org}/service-users/{id}/health-notes",
        get(show).post(save),
    )
}

#[derive(Template)]
#[template(path = "support/health_notes.html")]
struct NotesPage {
    layout: Layout,
    slug: String,
    id: String,
    name: String,
    notes: String,
    can_manage: bool,
}

async fn render(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    raw: &str,
    typed: Option<String>,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let scope = scope(state, user, slug).await?;
    let who = id(raw)?;
    let notes = state.app.health_notes(&scope, who).await?;
    let person = state.app.supported_person(&scope, who).await?;
    let layout = Layout::for_org("Health notes", user, &scope).with_errors(errors);
    let status = layout.status();
    let page = NotesPage {
        layout,
        slug: slug.to_owned(),
        id: raw.to_owned(),
        name: person.full_name(),
        notes: typed.unwrap_or(notes),
        can_manage: scope.can(Capability::ManageVolunteering),
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Path<(String, String)>,
) -> Result<Response, WebError> {
    render(&state, &user, &slug, &raw, None, FieldErrors::new()).await
}

async fn save(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    let notes = form.get("health_notes");
    match state.app.set_health_notes(&scope, id(&raw)?, &notes).await {
        Ok(()) => Ok(to(format!("/manage/{slug}/service-users/{raw}"))),
        Err(app::AppError::Invalid(errors)) => {
            render(&state, &user, &slug, &raw, Some(notes), errors).await
        }
        Err(e) => Err(e.into()),
    }
}
