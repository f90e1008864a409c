//! The volunteer's checklist: what each role they were accepted for still needs, the items they
//! can tell us about themselves, and the referees they name.

mod fields;
mod view;

use app::AppError;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::FieldErrors;
use domain::compliance::check::CheckInput;
use domain::compliance::reference::RefereeInput;
use domain::ids::CheckId;

use self::view::{Typed, render_page};
use crate::form::Done;
use crate::form::FormData;
use crate::layout::Layout;
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/my/checklist", get(page))
        .route("/my/checklist/{org}/{check}", post(submit))
        .route("/my/checklist/{org}/{check}/referees", post(name_referee))
}

async fn page(
    State(state): State<AppState>,
    user: SignedIn,
    Query(done): Query<Done>,
) -> Result<Html<String>, WebError> {
    let done = match done.done.as_str() {
        "sent" => "Thank you. We will check what you sent and update your checklist.",
        "referee" => "We have emailed your referee a link to give their reference.",
        _ => "",
    };
    let layout = Layout::for_user("Your checklist", Some(&user));
    Ok(Html(
        render(&state, &user, layout, Typed::Nothing, done).await?,
    ))
}

async fn render(
    state: &AppState,
    user: &SignedIn,
    layout: Layout,
    typed: Typed,
    done: &'static str,
) -> Result<String, WebError> {
    let today = state.app.clock.today();
    let lists = state.app.my_checklists(user.person.id).await?;
    Ok(render_page(layout, &lists, &typed, today, done)?)
}

/// The check id in the URL; a malformed one is simply not found.
fn check_id(raw: &str) -> Result<CheckId, WebError> {
    raw.parse().map_err(|_| AppError::NotFound.into())
}

/// The use case's errors, renamed to this item's fields so the summary links to the right box.
fn for_item(id: CheckId, errors: FieldErrors) -> FieldErrors {
    let mut out = FieldErrors::new();
    for e in errors.0 {
        match e.field.as_str() {
            "action" | "check" => out.add(&id.to_string(), e.message),
            field => out.add(&format!("{id}-{field}"), e.message),
        }
    }
    out
}

async fn submit(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let id = check_id(&id)?;
    let input = CheckInput {
        action: "submit".into(),
        issued_on: form.date("issued_on"),
        expires_on: form.date("expires_on"),
        reference: form.get("reference"),
        note: form.get("note"),
        ..CheckInput::default()
    };
    match state
        .app
        .submit_my_check(user.person.id, &org, id, &input)
        .await
    {
        Ok(_) => Ok(Redirect::to("/my/checklist?done=sent").into_response()),
        Err(AppError::Invalid(errors)) => {
            let layout =
                Layout::for_user("Your checklist", Some(&user)).with_errors(for_item(id, errors));
            let status = layout.status();
            let html = render(&state, &user, layout, Typed::Check(id, Box::new(input)), "").await?;
            Ok((status, Html(html)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn name_referee(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let id = check_id(&id)?;
    let input = RefereeInput {
        referee_name: form.get("referee_name"),
        referee_email: form.get("referee_email"),
        relationship: form.get("relationship"),
    };
    match state
        .app
        .request_my_reference(user.person.id, &org, id, &input)
        .await
    {
        Ok(_) => Ok(Redirect::to("/my/checklist?done=referee").into_response()),
        Err(AppError::Invalid(errors)) => {
            let layout =
                Layout::for_user("Your checklist", Some(&user)).with_errors(for_item(id, errors));
            let status = layout.status();
            let html = render(&state, &user, layout, Typed::Referee(id, input), "").await?;
            Ok((status, Html(html)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
