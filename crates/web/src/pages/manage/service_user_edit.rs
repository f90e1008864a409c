//! Changing a service user's or carer's details (their status moves on their record page).

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use domain::FieldErrors;
use domain::support::SupportedPersonInput;

use super::service_users::render_person_form;
use super::{id, managing_scope, scope, to};
use crate::form::{FormData, supported_person_input};
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/manage/{org}/service-users/{id}/edit",
        get(edit).post(save),
    )
}

async fn edit(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let scope = managing_scope(&state, &user, &slug).await?;
    let p = state.app.supported_person(&scope, id(&raw)?).await?;
    render_person_form(
        &state,
        &user,
        &slug,
        Some(&raw),
        SupportedPersonInput::from_person(&p),
        FieldErrors::new(),
    )
    .await
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
    let input = supported_person_input(&form);
    match state
        .app
        .update_supported_person(&scope, id(&raw)?, &input)
        .await
    {
        Ok(_) => Ok(to(format!("/manage/{slug}/service-users/{raw}"))),
        Err(app::AppError::Invalid(errors)) => {
            render_person_form(&state, &user, &slug, Some(&raw), input, errors).await
        }
        Err(e) => Err(e.into()),
    }
}
