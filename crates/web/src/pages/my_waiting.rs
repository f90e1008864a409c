//! A volunteer's waiting lists: joining a full shift's list, taking or passing on an offered
//! place before the offer runs out, and leaving a list.

use app::AppError;
use app::waitlist::{MyWaiting, OfferAnswer};
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::FieldErrors;
use domain::ids::{ShiftId, WaitlistEntryId};
use domain::rota::WaitlistStatus;

use super::my_shifts::when;
use crate::form::Done;
use crate::form::FormData;
use crate::layout::{Layout, nhs_datetime};
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// The volunteer's waiting-list pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/my/shifts/waiting", get(page))
        .route("/my/shifts/{id}/{shift}/wait", post(join))
        .route("/my/waiting/{org}/{id}/{answer}", post(answer))
}

/// One entry as listed.
struct WaitingView {
    day: String,
    times: String,
    offered: bool,
    expires: String,
    waiting: MyWaiting,
}

#[derive(Template)]
#[template(path = "my/waiting.html")]
struct WaitingPage {
    layout: Layout,
    entries: Vec<WaitingView>,
    done: &'static str,
}

async fn page(
    State(state): State<AppState>,
    user: SignedIn,
    Query(done): Query<Done>,
) -> Result<Html<String>, WebError> {
    let done = match done.done.as_str() {
        "joined" => {
            "You are on the waiting list. If a place comes up, we will email you and hold it for you for a while."
        }
        "passed" => "You have passed the place on. Thank you for letting us know.",
        "left" => "You have left the waiting list.",
        _ => "",
    };
    let layout = Layout::for_user("My waiting lists", Some(&user));
    Ok(Html(render(&state, &user, layout, done).await?))
}

async fn render(
    state: &AppState,
    user: &SignedIn,
    layout: Layout,
    done: &'static str,
) -> Result<String, WebError> {
    let entries = state
        .app
        .my_waiting(user.person.id)
        .await?
        .into_iter()
        .map(|waiting| {
            let (day, times) = when(waiting.shift.starts_at, waiting.shift.ends_at);
            WaitingView {
                day,
                times,
                offered: waiting.entry.status == WaitlistStatus::Offered,
                expires: waiting
                    .entry
                    .offer_expires_at
                    .map(|t| nhs_datetime(&t))
                    .unwrap_or_default(),
                waiting,
            }
        })
        .collect();
    Ok(WaitingPage {
        layout,
        entries,
        done,
    }
    .render()?)
}

/// Shows the waiting-list page again with `what` went wrong.
async fn refused(
    state: &AppState,
    user: &SignedIn,
    status: StatusCode,
    messages: Vec<String>,
) -> Result<Response, WebError> {
    let mut errors = FieldErrors::new();
    for m in messages {
        errors.add("waiting", m);
    }
    let layout = Layout::for_user("My waiting lists", Some(user)).with_errors(errors);
    let html = render(state, user, layout, "").await?;
    Ok((status, Html(html)).into_response())
}

/// What went wrong, as a status and messages; other errors pass through.
fn explain(e: AppError) -> Result<(StatusCode, Vec<String>), WebError> {
    match e {
        AppError::Conflict(what) => Ok((StatusCode::CONFLICT, vec![what])),
        AppError::Invalid(errors) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            errors.0.into_iter().map(|e| e.message).collect(),
        )),
        e => Err(e.into()),
    }
}

async fn join(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, shift)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let shift: ShiftId = shift.parse().map_err(|_| AppError::NotFound)?;
    match state.app.join_waitlist(user.person.id, &org, shift).await {
        Ok(_) => Ok(Redirect::to("/my/shifts/waiting?done=joined").into_response()),
        Err(e) => {
            let (status, messages) = explain(e)?;
            let messages = messages
                .into_iter()
                .map(|m| format!("We could not put you on that waiting list. {m}"))
                .collect();
            refused(&state, &user, status, messages).await
        }
    }
}

async fn answer(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, id, answer)): Path<(String, String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let id: WaitlistEntryId = id.parse().map_err(|_| AppError::NotFound)?;
    let result = match answer.as_str() {
        "accept" => state
            .app
            .answer_offer(user.person.id, &org, id, OfferAnswer::Accept)
            .await
            .map(|_| "/my/shifts?done=booked"),
        "pass" => state
            .app
            .answer_offer(user.person.id, &org, id, OfferAnswer::Pass)
            .await
            .map(|_| "/my/shifts/waiting?done=passed"),
        "leave" => state
            .app
            .leave_waitlist(user.person.id, &org, id)
            .await
            .map(|()| "/my/shifts/waiting?done=left"),
        _ => Err(AppError::NotFound),
    };
    match result {
        Ok(to) => Ok(Redirect::to(to).into_response()),
        Err(e) => {
            let (status, messages) = explain(e)?;
            refused(&state, &user, status, messages).await
        }
    }
}
