//! A network's public learning events as an iCalendar feed (RFC 5545), for anyone to subscribe
//! to: `/networks/{slug}/events.ics`. It is read as a signed-out visitor, so the app leaves out
//! every members-only event whoever asks.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use domain::rota::ical::{Calendar, CalendarEvent, render};

use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new().route("/networks/{slug}/events.ics", get(feed))
}

async fn feed(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    let access = state.app.network_access(&slug, None).await?;
    let host = state.app.network_event_host(&access);
    let host_name = url_host(&state.app.base_url);
    let events = state
        .app
        .hosted_events(&host)
        .await?
        .into_iter()
        .map(|s| {
            let e = s.event;
            let mut location = e.format.venue().unwrap_or_default().to_owned();
            if let Some(link) = e.format.joining_link() {
                if !location.is_empty() {
                    location.push_str(" and ");
                }
                location.push_str(link);
            }
            CalendarEvent {
                uid: format!("event-{}@{host_name}", e.id),
                starts_at: e.starts_at,
                ends_at: e.ends_at,
                summary: e.title.clone(),
                location,
                description: format!(
                    "{}\n\n{}/events/{}",
                    e.description, state.app.base_url, e.id
                ),
                cancelled: e.cancelled,
                sequence: 0,
                last_modified: e.created_at,
            }
        })
        .collect();
    let calendar = Calendar {
        name: format!("{}: learning events", host.name()),
        events,
    };
    let text = render(&calendar, state.app.clock.now());
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
            (
                header::CONTENT_DISPOSITION,
                "inline; filename=\"events.ics\"",
            ),
        ],
        text,
    )
        .into_response())
}

/// The host part of the base URL, for globally unique UIDs.
fn url_host(base: &str) -> &str {
    let rest = base.split_once("://").map_or(base, |(_, r)| r);
    rest.split(['/', ':']).next().unwrap_or(rest)
}
