//! A shift's waiting list as a manager sees it: everyone who has waited, in the order they
//! joined, and what happened — offered, took the place, passed it on, offer ran out, left.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Html;
use axum::routing::get;
use domain::ids::ShiftId;
use domain::rota::WaitlistStatus;

use super::scope;
use crate::layout::{Layout, nhs_datetime};
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// The waiting-list history page.
pub fn routes() -> Router<AppState> {
    Router::new().route("/manage/{org}/shifts/{id}/waiting-list", get(show))
}

/// One line of the history.
struct Line {
    name: String,
    joined: String,
    status: &'static str,
    offered: String,
    expires: String,
    closed: String,
    waiting: bool,
}

#[derive(Template)]
#[template(path = "manage/shift_waitlist.html")]
struct WaitlistPage {
    layout: Layout,
    slug: String,
    id: String,
    lines: Vec<Line>,
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, id)): Path<(String, String)>,
) -> Result<Html<String>, WebError> {
    let scope = scope(&state, &user, &org).await?;
    let shift: ShiftId = id.parse().map_err(|_| app::AppError::NotFound)?;
    let time =
        |t: Option<chrono::DateTime<chrono::Utc>>| t.map(|t| nhs_datetime(&t)).unwrap_or_default();
    let lines = state
        .app
        .shift_waitlist(&scope, shift)
        .await?
        .into_iter()
        .map(|l| Line {
            name: l.name,
            joined: nhs_datetime(&l.entry.joined_at),
            status: domain::Labelled::label(l.entry.status),
            offered: time(l.entry.offered_at),
            expires: time(l.entry.offer_expires_at),
            closed: time(l.entry.closed_at),
            waiting: l.entry.status == WaitlistStatus::Waiting,
        })
        .collect();
    let layout = Layout::for_org("Waiting list", &user, &scope);
    Ok(Html(
        WaitlistPage {
            layout,
            slug: org,
            id: shift.to_string(),
            lines,
        }
        .render()?,
    ))
}
