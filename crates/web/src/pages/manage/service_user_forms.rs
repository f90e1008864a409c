//! The forms on a service user's record: their status, carers, Alongside account, feedback
//! (recorded by staff, or their own link made or remade) and staff contact. Each goes back to
//! the record, with any field errors shown on it.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::post;
use domain::ids::SupportedPersonId;
use domain::support::SupportFeedbackInput;

use super::service_user::render;
use super::{id, scope, to};
use crate::form::FormData;
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/service-users/{id}/feedback", post(record))
        .route(
            "/manage/{org}/service-users/{id}/feedback-link",
            post(make_link),
        )
        .route(
            "/manage/{org}/service-users/{id}/staff-contact",
            post(staff_contact),
        )
        .route("/manage/{org}/service-users/{id}/status", post(move_status))
        .route("/manage/{org}/service-users/{id}/carers", post(link_carer))
        .route(
            "/manage/{org}/service-users/{id}/account",
            post(link_account),
        )
}

/// Runs a form's use case; field errors show on the record page.
async fn done(
    state: &AppState,
    user: &SignedIn,
    (slug, raw): (&str, &str),
    result: Result<(), app::AppError>,
) -> Result<Response, WebError> {
    match result {
        Ok(()) => Ok(to(format!("/manage/{slug}/service-users/{raw}"))),
        Err(app::AppError::Invalid(errors)) => render(state, user, slug, raw, errors).await,
        Err(e) => Err(e.into()),
    }
}

async fn record(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    let who: SupportedPersonId = id(&raw)?;
    let input = SupportFeedbackInput {
        rating: form.get("rating"),
        answered_by: form.get("answered_by"),
        comment: form.get("comment"),
    };
    let result = state
        .app
        .record_support_feedback(&scope, who, &input)
        .await
        .map(|_| ());
    done(&state, &user, (&slug, &raw), result).await
}

async fn make_link(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    let result = state
        .app
        .make_support_feedback_link(&scope, id(&raw)?)
        .await
        .map(|_| ());
    done(&state, &user, (&slug, &raw), result).await
}

async fn staff_contact(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    let raw_person = form.get("staff_contact");
    let person = if raw_person.trim().is_empty() {
        None
    } else {
        Some(id(&raw_person)?)
    };
    let result = state.app.set_staff_contact(&scope, id(&raw)?, person).await;
    done(&state, &user, (&slug, &raw), result).await
}

async fn move_status(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    let result = state
        .app
        .move_support_status(&scope, id(&raw)?, &form.get("status"), &form.get("reason"))
        .await;
    done(&state, &user, (&slug, &raw), result).await
}

async fn link_carer(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    let carer = id(&form.get("carer"))?;
    let result = state
        .app
        .link_carer(&scope, carer, id(&raw)?, &form.get("relationship"))
        .await;
    done(&state, &user, (&slug, &raw), result).await
}

async fn link_account(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    let result = state
        .app
        .link_account(&scope, id(&raw)?, &form.get("account_email"))
        .await
        .map(|_| ());
    done(&state, &user, (&slug, &raw), result).await
}
