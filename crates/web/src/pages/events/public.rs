//! The event lists and pages people see, and registering, giving a place up and taking an
//! offered place. Members-only events are "not found" for anyone else (the app decides).

use app::AppError;
use app::event_registrations::EventView;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::FieldErrors;
use domain::Labelled;
use domain::events::RegistrationStatus;
use domain::ids::EventId;

use super::views::{EventLine, price};
use super::{HostRef, Resolved};
use crate::form::{Done, FormData};
use crate::layout::{Layout, nhs_datetime};
use crate::session::{MaybeSignedIn, SignedIn};
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/networks/{slug}/events", get(network_list))
        .route("/networks/{slug}/events/{id}", get(network_event))
        .route("/organisations/{slug}/events", get(org_list))
        .route("/organisations/{slug}/events/{id}", get(org_event))
        .route("/events/{id}", get(by_id))
        .route("/events/{id}/{action}", post(act))
}

pub(super) fn event_id(id: &str) -> Result<EventId, WebError> {
    Ok(id.parse().map_err(|_| AppError::NotFound)?)
}

#[derive(Template)]
#[template(path = "events/list.html")]
struct ListPage {
    layout: Layout,
    host_name: String,
    events_path: String,
    manage_path: String,
    ical: String,
    /// The downloads' address without its extension, on the organisation's manage pages.
    downloads: String,
    organiser: bool,
    member: bool,
    upcoming: Vec<EventLine>,
    past: Vec<EventLine>,
}

pub(super) async fn list(
    state: AppState,
    user: Option<SignedIn>,
    host: HostRef,
) -> Result<Response, WebError> {
    let resolved = host.resolve(&state, user.as_ref()).await?;
    let h = &resolved.host;
    let now = state.app.clock.now();
    let (mut upcoming, mut past) = (Vec::new(), Vec::new());
    for s in state.app.hosted_events(h).await? {
        if s.event.ends_at > now {
            upcoming.push(EventLine::new(&s));
        } else {
            past.push(EventLine::new(&s));
        }
    }
    past.reverse();
    let ical = match host {
        HostRef::Network(_) => format!("{}.ics", h.events_path()),
        _ => String::new(),
    };
    let downloads = match &host {
        HostRef::Manage(slug) => format!("/manage/{slug}/events"),
        // A network's list downloads for anyone signed in (`exports/network_lists.rs`).
        HostRef::Network(_) if user.is_some() => h.events_path(),
        _ => String::new(),
    };
    let page = ListPage {
        layout: resolved.layout(&format!("Learning events: {}", h.name()), user.as_ref()),
        host_name: h.name().to_owned(),
        events_path: h.events_path(),
        manage_path: h.manage_path(),
        ical,
        downloads,
        organiser: h.is_organiser(),
        member: h.is_member(),
        upcoming,
        past,
    };
    Ok(Html(page.render()?).into_response())
}

async fn network_list(
    State(state): State<AppState>,
    MaybeSignedIn(user): MaybeSignedIn,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    list(state, user, HostRef::Network(slug)).await
}

async fn org_list(
    State(state): State<AppState>,
    MaybeSignedIn(user): MaybeSignedIn,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    list(state, user, HostRef::Organisation(slug)).await
}

#[derive(Template)]
#[template(path = "events/event.html")]
struct EventPage {
    layout: Layout,
    host_name: String,
    events_path: String,
    manage_path: String,
    event: EventLine,
    series: String,
    your_price: String,
    organiser: bool,
    signed_in: bool,
    open: bool,
    /// The viewer's status code, or "".
    status: &'static str,
    status_label: &'static str,
    offer_until: String,
    registration_id: String,
    feedback_given: bool,
    done: &'static str,
    next: String,
}

async fn render_event(
    state: &AppState,
    user: Option<&SignedIn>,
    resolved: &Resolved,
    view: EventView,
    errors: FieldErrors,
    done: &'static str,
) -> Result<Response, WebError> {
    let h = &resolved.host;
    let now = state.app.clock.now();
    let line = EventLine::new(&view.summary);
    let mine = view.mine.as_ref();
    let live_offer = mine.is_some_and(|r| r.has_live_offer(now));
    let status = match mine {
        Some(r) if r.status == RegistrationStatus::Offered && !live_offer => "lapsed",
        Some(r) => r.status.code(),
        None => "",
    };
    let layout = resolved
        .layout(&view.summary.event.title, user)
        .with_errors(errors);
    let code = if layout.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::CONFLICT
    };
    let page = EventPage {
        host_name: h.name().to_owned(),
        events_path: h.events_path(),
        manage_path: h.manage_path(),
        series: view.series.clone().unwrap_or_default(),
        your_price: price(view.price),
        organiser: h.is_organiser(),
        signed_in: user.is_some(),
        open: view.open,
        status,
        status_label: mine
            .map(|r| {
                if status == "lapsed" {
                    RegistrationStatus::Lapsed.label()
                } else {
                    r.status.label()
                }
            })
            .unwrap_or(""),
        offer_until: mine
            .and_then(|r| r.offer_expires_at)
            .map(|t| nhs_datetime(&t))
            .unwrap_or_default(),
        registration_id: mine.map(|r| r.id.to_string()).unwrap_or_default(),
        feedback_given: view.my_feedback.is_some(),
        done,
        next: form_urlencoded::byte_serialize(
            format!("{}/{}", h.events_path(), line.id).as_bytes(),
        )
        .collect(),
        event: line,
        layout,
    };
    Ok((code, Html(page.render()?)).into_response())
}

fn done_text(done: &str) -> &'static str {
    match done {
        "registered" => "You are registered. We look forward to seeing you.",
        "waitlisted" => {
            "The event is full, so you are on the waiting list. If a place comes up we will email you and hold it for you for 48 hours."
        }
        "cancelled" => "You have given up your place. Thank you for letting us know.",
        "accepted" => "The place is yours. We look forward to seeing you.",
        "feedback" => "Thank you for your feedback.",
        "saved" => "Saved.",
        _ => "",
    }
}

async fn show(
    state: AppState,
    user: Option<SignedIn>,
    host: HostRef,
    id: String,
    done: Done,
) -> Result<Response, WebError> {
    let id = event_id(&id)?;
    let resolved = host.resolve(&state, user.as_ref()).await?;
    let event = state.app.hosted_event(&resolved.host, id).await?;
    let view = state.app.event_view(&resolved.host, event).await?;
    render_event(
        &state,
        user.as_ref(),
        &resolved,
        view,
        FieldErrors::new(),
        done_text(&done.done),
    )
    .await
}

async fn network_event(
    State(state): State<AppState>,
    MaybeSignedIn(user): MaybeSignedIn,
    Path((slug, id)): Path<(String, String)>,
    Query(done): Query<Done>,
) -> Result<Response, WebError> {
    show(state, user, HostRef::Network(slug), id, done).await
}

async fn org_event(
    State(state): State<AppState>,
    MaybeSignedIn(user): MaybeSignedIn,
    Path((slug, id)): Path<(String, String)>,
    Query(done): Query<Done>,
) -> Result<Response, WebError> {
    show(state, user, HostRef::Organisation(slug), id, done).await
}

/// `/events/{id}` (the address in emails) goes to the event's own page.
async fn by_id(
    State(state): State<AppState>,
    MaybeSignedIn(user): MaybeSignedIn,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = event_id(&id)?;
    let (host, _) = state
        .app
        .event_and_host(id, user.map(|u| u.person.id))
        .await?;
    Ok(Redirect::to(&format!("{}/{id}", host.events_path())).into_response())
}

/// Register, give a place up, or take an offered place.
async fn act(
    State(state): State<AppState>,
    user: SignedIn,
    Path((id, action)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let id = event_id(&id)?;
    let (host, _) = state.app.event_and_host(id, Some(user.person.id)).await?;
    let result = match action.as_str() {
        "register" => state
            .app
            .register_for_event(&host, id)
            .await
            .map(|r| match r.status {
                RegistrationStatus::Registered => "registered",
                _ => "waitlisted",
            }),
        "cancel-registration" => state
            .app
            .cancel_event_registration(&host, id)
            .await
            .map(|()| "cancelled"),
        "accept" => state
            .app
            .accept_event_offer(&host, id)
            .await
            .map(|()| "accepted"),
        _ => Err(AppError::NotFound),
    };
    let path = host.events_path();
    match result {
        Ok(done) => Ok(Redirect::to(&format!("{path}/{id}?done={done}")).into_response()),
        Err(AppError::Conflict(what)) => {
            let resolved = Resolved { host, scope: None };
            let event = state.app.hosted_event(&resolved.host, id).await?;
            let view = state.app.event_view(&resolved.host, event).await?;
            render_event(
                &state,
                Some(&user),
                &resolved,
                view,
                FieldErrors::one("registration", what),
                "",
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
