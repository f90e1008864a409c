//! A volunteer's rights from the manager's side: a copy of what the organisation holds about
//! them (a ZIP, audited) and erasure (admins only, shown first with what would go or why it
//! cannot, then confirmed).

use app::AppError;
use app::erasure::ErasureInput;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use domain::FieldErrors;
use domain::ids::PersonId;
use domain::privacy::ErasureBlock;

use super::{id, scope, to};
use crate::form::FormData;
use crate::layout::Layout;
use crate::session::SignedIn;
use crate::subject_access_zip::zip_download;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/manage/{org}/volunteers/{id}/subject-access",
            get(show_export).post(export),
        )
        .route(
            "/manage/{org}/volunteers/{id}/erase",
            get(show_erase).post(erase),
        )
}

#[derive(Template)]
#[template(path = "manage/subject_access.html")]
struct ExportPage {
    layout: Layout,
    slug: String,
    person: String,
    name: String,
}

async fn show_export(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let scope = scope(&state, &user, &slug).await?;
    let person: PersonId = id(&raw)?;
    if !scope.can(domain::staff::Capability::ViewChecks) {
        return Err(AppError::Forbidden.into());
    }
    // Only people this organisation holds: anyone else is "not found".
    let preview = state.app.volunteer_record(&scope, person).await?;
    let page = ExportPage {
        layout: Layout::for_org("Copy of their data", &user, &scope),
        slug,
        person: raw,
        name: preview.person.full_name(),
    };
    Ok(Html(page.render()?).into_response())
}

async fn export(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    let export = state.app.subject_access_for(&scope, id(&raw)?).await?;
    zip_download(&export)
}

#[derive(Template)]
#[template(path = "manage/erase.html")]
struct ErasePage {
    layout: Layout,
    slug: String,
    person: String,
    name: String,
    blocks: Vec<String>,
    removed: Vec<String>,
    profile_too: bool,
    note: String,
}

async fn render_erase(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    raw: &str,
    note: String,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let scope = scope(state, user, slug).await?;
    let preview = state.app.erasure_preview(&scope, id(raw)?).await?;
    let layout = Layout::for_org("Erase their data", user, &scope).with_errors(errors);
    let status = layout.status();
    let page = ErasePage {
        layout,
        slug: slug.to_owned(),
        person: raw.to_owned(),
        name: preview.person.full_name(),
        blocks: preview.blocks.iter().map(ErasureBlock::message).collect(),
        removed: preview.removed,
        profile_too: preview.profile_too,
        note,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn show_erase(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Path<(String, String)>,
) -> Result<Response, WebError> {
    render_erase(
        &state,
        &user,
        &slug,
        &raw,
        String::new(),
        FieldErrors::new(),
    )
    .await
}

async fn erase(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    let input = ErasureInput {
        confirmed: form.get("confirmed") == "yes",
        note: form.get("note"),
    };
    match state.app.erase_person(&scope, id(&raw)?, &input).await {
        Ok(_) => Ok(to(format!("/manage/{slug}/privacy?done=erased"))),
        Err(AppError::Invalid(errors)) => {
            render_erase(&state, &user, &slug, &raw, input.note, errors).await
        }
        Err(e) => Err(e.into()),
    }
}
