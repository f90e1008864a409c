//! A volunteer's shifts in their own calendar: the page where they make, replace or stop the
//! secret address, and the feed itself at `/calendar/{token}.ics` (no sign-in: the address is
//! the secret).

use app::AppError;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use crate::form::Done;
use crate::form::FormData;
use crate::layout::{Layout, nhs_datetime};
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// The calendar page and the feed.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/my/calendar", get(page).post(create))
        .route("/my/calendar/stop", post(stop))
        .route("/calendar/{file}", get(feed))
}

#[derive(Template)]
#[template(path = "my/calendar.html")]
struct CalendarPage {
    layout: Layout,
    /// When the current address was made, if there is one.
    made: Option<String>,
    /// The address, only just after it was made.
    url: Option<String>,
    /// The same address for calendar apps (`webcal:`).
    webcal: Option<String>,
    done: &'static str,
}

async fn render(
    state: &AppState,
    user: &SignedIn,
    url: Option<String>,
    done: &'static str,
) -> Result<String, WebError> {
    let made = state
        .app
        .my_calendar_feed(user.person.id)
        .await?
        .map(|f| nhs_datetime(&f.created_at));
    let webcal = url.as_ref().map(|u| {
        let rest = u.split_once("://").map_or(u.as_str(), |(_, r)| r);
        format!("webcal://{rest}")
    });
    Ok(CalendarPage {
        layout: Layout::for_user("My shifts in my calendar", Some(user)),
        made,
        url,
        webcal,
        done,
    }
    .render()?)
}

async fn page(
    State(state): State<AppState>,
    user: SignedIn,
    Query(done): Query<Done>,
) -> Result<Html<String>, WebError> {
    let done = match done.done.as_str() {
        "stopped" => {
            "Your calendar address has stopped working. Calendars using it will no longer update."
        }
        _ => "",
    };
    Ok(Html(render(&state, &user, None, done).await?))
}

/// Makes a new address (replacing any old one) and shows it, this once.
async fn create(
    State(state): State<AppState>,
    user: SignedIn,
    body: Bytes,
) -> Result<Html<String>, WebError> {
    user.check_csrf(&FormData::parse(&body))?;
    let url = state.app.create_calendar_feed(user.person.id).await?;
    Ok(Html(render(&state, &user, Some(url), "").await?))
}

async fn stop(
    State(state): State<AppState>,
    user: SignedIn,
    body: Bytes,
) -> Result<Redirect, WebError> {
    user.check_csrf(&FormData::parse(&body))?;
    state.app.revoke_calendar_feed(user.person.id).await?;
    Ok(Redirect::to("/my/calendar?done=stopped"))
}

/// The feed: `text/calendar`, generated from the current rota on every request.
async fn feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, WebError> {
    let token = file.strip_suffix(".ics").ok_or(AppError::NotFound)?;
    let text = state.app.calendar_feed_text(token).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "private, no-cache"),
            (
                header::CONTENT_DISPOSITION,
                "inline; filename=\"shifts.ics\"",
            ),
        ],
        text,
    )
        .into_response())
}
