//! The forms on a service user's record: their status, carers, Alongside account, feedback
//! (recorded by staff, or their own link made or remade) and staff contact. Each goes back to
//! the record, with any field errors shown on it.

use app::OrgScope;
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
    let form = |rest: &str| format!("/manage/{{org}}/service-users/{{id}}/{rest}");
    Router::new()
        .route(&form("feedback"), post(record))
        .route(&form("feedback-link"), post(make_link))
        .route(&form("staff-contact"), post(staff_contact))
        .route(&form("status"), post(move_status))
        .route(&form("carers"), post(link_carer))
        .route(&form("account"), post(link_account))
}

/// A form sent from someone's record: checked against forgery, with the organisation's scope
/// and whose record it is.
async fn opened(
    state: &AppState,
    user: &SignedIn,
    (slug, raw): (&str, &str),
    body: &Bytes,
) -> Result<(OrgScope, FormData, SupportedPersonId), WebError> {
    let form = FormData::parse(body);
    user.check_csrf(&form)?;
    let scope = scope(state, user, slug).await?;
    Ok((scope, form, id(raw)?))
}

/// Back to the record after a form's use case; field errors show on the record page.
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

type Record = Path<(String, String)>;

async fn record(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Record,
    body: Bytes,
) -> Result<Response, WebError> {
    let (scope, form, who) = opened(&state, &user, (&slug, &raw), &body).await?;
    let input = SupportFeedbackInput {
        rating: form.get("rating"),
        answered_by: form.get("answered_by"),
        comment: form.get("comment"),
    };
    let result = state.app.record_support_feedback(&scope, who, &input).await;
    done(&state, &user, (&slug, &raw), result.map(|_| ())).await
}

async fn make_link(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Record,
    body: Bytes,
) -> Result<Response, WebError> {
    let (scope, _, who) = opened(&state, &user, (&slug, &raw), &body).await?;
    let result = state.app.make_support_feedback_link(&scope, who).await;
    done(&state, &user, (&slug, &raw), result.map(|_| ())).await
}

async fn staff_contact(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Record,
    body: Bytes,
) -> Result<Response, WebError> {
    let (scope, form, who) = opened(&state, &user, (&slug, &raw), &body).await?;
    let chosen = form.get("staff_contact");
    let person = if chosen.trim().is_empty() {
        None
    } else {
        Some(id(&chosen)?)
    };
    let result = state.app.set_staff_contact(&scope, who, person).await;
    done(&state, &user, (&slug, &raw), result).await
}

async fn move_status(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Record,
    body: Bytes,
) -> Result<Response, WebError> {
    let (scope, form, who) = opened(&state, &user, (&slug, &raw), &body).await?;
    let (to_status, reason) = (form.get("status"), form.get("reason"));
    let result = state
        .app
        .move_support_status(&scope, who, &to_status, &reason)
        .await;
    done(&state, &user, (&slug, &raw), result).await
}

async fn link_carer(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Record,
    body: Bytes,
) -> Result<Response, WebError> {
    let (scope, form, who) = opened(&state, &user, (&slug, &raw), &body).await?;
    let carer = id(&form.get("carer"))?;
    let result = state
        .app
        .link_carer(&scope, carer, who, &form.get("relationship"))
        .await;
    done(&state, &user, (&slug, &raw), result).await
}

async fn link_account(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Record,
    body: Bytes,
) -> Result<Response, WebError> {
    let (scope, form, who) = opened(&state, &user, (&slug, &raw), &body).await?;
    let result = state
        .app
        .link_account(&scope, who, &form.get("account_email"))
        .await;
    done(&state, &user, (&slug, &raw), result.map(|_| ())).await
}
