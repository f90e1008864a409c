//! One application: the applicant's answers, its history, and the manager's decision.

use app::AppError;
use app::ports::{ApplicationEvent, ApplicationRow};
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use domain::application::ApplicationStatus;
use domain::ids::ApplicationId;
use domain::{FieldErrors, Labelled};

use super::{id, scope, to};
use crate::form::FormData;
use crate::layout::{Layout, nhs_datetime};
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new().route("/manage/{org}/applications/{id}", get(show).post(decide))
}

#[derive(Template)]
#[template(path = "manage/application.html")]
struct ShowPage {
    layout: Layout,
    slug: String,
    row: ApplicationRow,
    events: Vec<(String, ApplicationEvent)>,
    choices: Vec<(&'static str, &'static str)>,
    /// What was chosen and typed, kept when the form comes back with errors.
    chosen: String,
    note: String,
}

async fn page(
    state: &AppState,
    user: &SignedIn,
    org: &str,
    app_id: ApplicationId,
    errors: FieldErrors,
    (chosen, note): (String, String),
) -> Result<Response, WebError> {
    let scope = scope(state, user, org).await?;
    let (row, events) = state.app.application(&scope, app_id).await?;
    let events = events
        .into_iter()
        .map(|e| (nhs_datetime(&e.at), e))
        .collect();
    let choices = ApplicationStatus::ALL
        .iter()
        .filter(|s| row.application.status.manager_can_move_to(**s))
        .map(|s| (s.code(), s.label()))
        .collect();
    let layout = Layout::for_org(&format!("Application: {}", row.person_name), user, &scope)
        .with_errors(errors);
    let status = layout.status();
    Ok((
        status,
        Html(
            ShowPage {
                layout,
                slug: org.to_owned(),
                row,
                events,
                choices,
                chosen,
                note,
            }
            .render()?,
        ),
    )
        .into_response())
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, app_id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    page(
        &state,
        &user,
        &org,
        id(&app_id)?,
        FieldErrors::new(),
        Default::default(),
    )
    .await
}

async fn decide(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, app_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let app_id: ApplicationId = id(&app_id)?;
    let scope = scope(&state, &user, &org).await?;
    let result = match ApplicationStatus::from_code(&form.get("status")) {
        Some(status) => {
            state
                .app
                .decide_application(&scope, app_id, status, &form.get("note"))
                .await
        }
        None => Err(AppError::Invalid(FieldErrors::one(
            "status",
            "Select a decision",
        ))),
    };
    match result {
        Ok(()) => Ok(to(format!("/manage/{org}/applications/{app_id}"))),
        Err(AppError::Invalid(errors)) => {
            page(
                &state,
                &user,
                &org,
                app_id,
                errors,
                (form.get("status"), form.get("note")),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
